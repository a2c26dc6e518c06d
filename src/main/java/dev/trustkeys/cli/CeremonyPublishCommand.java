package dev.trustkeys.cli;

import dev.trustkeys.ceremony.CeremonyRequest;
import dev.trustkeys.ceremony.RootCeremony;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.notary.NotaryServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys ceremony publish REQUEST --server URL}: publishes once both thresholds are met. */
@Command(name = "publish", description = "Publish the signed root; refused unless the old and new thresholds are met"
    + " and the whole root chain verifies.")
final class CeremonyPublishCommand implements Callable<Integer> {
  @ParentCommand CeremonyCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST") Path request;

  @Option(names = {"-s", "--server"}, paramLabel = "URL", description = "Notary server (default: "
      + "DOCKER_CONTENT_TRUST_SERVER, ~/.notary/config.json, else the registry's, as Docker finds it).")
  String server;

  @picocli.CommandLine.Mixin TlsOptions tls;

  @Option(names = "--operator", paramLabel = "NAME", description = "Who you are, for the transcript (default $USER).")
  String operator;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    Remote remote = new Remote(ctx);
    CeremonyRequest req = CeremonyRequest.read(request);
    NotaryServer notary = remote.server(server, tls, req.gun());
    long v = new RootCeremony(remote.clock()).publish(req, notary, remote.cache(), remote.keyring(),
        CeremonyCommand.operator(operator, parent.root));
    req.write(request);
    spec.commandLine().getOut().println("Published root version " + v + " of " + req.gun() + " to " + notary.url());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
