package dev.trustkeys.cli;

import dev.trustkeys.ceremony.CeremonyRequest;
import dev.trustkeys.ceremony.CeremonyStatus;
import dev.trustkeys.ceremony.RootCeremony;
import dev.trustkeys.core.KeysException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys ceremony status REQUEST [--json]}: what the request changes (computed from its
 * roots), who signed, whether both thresholds are met and whether the transcript verifies.
 */
@Command(
    name = "status",
    description =
        "Show what a request changes, who signed it, whether the old and new root "
            + "thresholds are met, what the root keys' YubiKey attestations show and whether its transcript verifies. Exit "
            + "code 7 until it is ready to publish.")
final class CeremonyStatusCommand implements Callable<Integer> {
  @ParentCommand CeremonyCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST")
  Path request;

  @picocli.CommandLine.Mixin JsonOption json;

  @picocli.CommandLine.Mixin CeremonyTrustOptions trust;

  @Override
  public Integer call() throws KeysException {
    CeremonyRequest req = CeremonyRequest.read(request);
    RootCeremony c = trust.ceremony(parent.root.clock());
    CeremonyStatus st = c.status(req);
    var out = spec.commandLine().getOut();
    out.print(json.enabled ? Json.write(st.toJson()) : st.toText(Advice::join));
    out.flush();
    return st.complete() ? 0 : dev.trustkeys.core.ExitCode.VERIFICATION_FAILED.value();
  }
}
