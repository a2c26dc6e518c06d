package dev.trustkeys.cli;

import dev.trustkeys.ceremony.CeremonyRequest;
import dev.trustkeys.ceremony.CeremonyStatus;
import dev.trustkeys.ceremony.KeyReview;
import dev.trustkeys.ceremony.TranscriptReport;
import dev.trustkeys.core.KeysException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys ceremony ...}: root signing ceremonies for roots held by several people. */
@Command(
    name = "ceremony",
    description =
        "Root signing ceremonies for a GUN's root (Notary) or a TUF repository's "
            + "(--tuf REPO): plan, sign (offline, each holder), status, publish, verify; certificate makes a new holder's "
            + "Notary root certificate.",
    subcommands = {
      CeremonyCertificateCommand.class,
      CeremonyPlanCommand.class,
      CeremonySignCommand.class,
      CeremonyStatusCommand.class,
      CeremonyPublishCommand.class,
      CeremonyVerifyCommand.class,
    })
final class CeremonyCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /**
   * What a holder reads before signing: the change computed from the roots, the exact hash, what
   * the root keys' attestations show (and the advisories and problems found), who planned it.
   */
  static String review(CeremonyRequest req, TranscriptReport transcript, KeyReview keys)
      throws KeysException {
    StringBuilder b = new StringBuilder();
    b.append(CeremonyStatus.changeText(req.change().lines(), req.sha256()));
    b.append(keys.toText());
    b.append(transcript.planText()).append('\n');
    return b.toString();
  }
}
