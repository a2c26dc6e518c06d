package dev.trustkeys.cli;

import dev.trustkeys.ceremony.CeremonyDialect;
import dev.trustkeys.ceremony.CeremonyRequest;
import dev.trustkeys.ceremony.RootCeremony;
import dev.trustkeys.ceremony.Tuf1RootTarget;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.notary.NotaryServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys ceremony publish REQUEST --server URL} (Notary) or {@code --tuf REPO} (TUF 1.0):
 * publishes once both thresholds are met.
 */
@Command(
    name = "publish",
    description =
        "Publish the signed root to the Notary server, or with --tuf as the next "
            + "root of the TUF repository; refused unless the old and new thresholds are met and the whole root chain "
            + "verifies.")
final class CeremonyPublishCommand implements Callable<Integer> {
  @ParentCommand CeremonyCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST")
  Path request;

  @picocli.CommandLine.Mixin ServerFlags serverFlags;

  @Option(
      names = "--tuf",
      paramLabel = "REPO",
      description =
          "Publish a TUF repository's request into the "
              + "repository: N.root.json (root_history/N.root.json in a working tree) and root.json where there is one.")
  Path tuf;

  @picocli.CommandLine.Mixin CeremonyTrustOptions trust;

  @Mixin OperatorOption operator;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    Remote remote = new Remote(ctx);
    CeremonyRequest req = CeremonyRequest.read(request);
    CeremonyTuf.requireDialect(req, tuf != null, serverFlags.server != null);
    RootCeremony ceremony = trust.ceremony(remote.clock());
    String operator = this.operator.name(parent.root.env());
    var out = spec.commandLine().getOut();
    if (req.dialect() != CeremonyDialect.NOTARY) {
      if (tuf == null) {
        throw new UsageException(
            "this request is for "
                + req.describeSubject()
                + ": give --tuf REPO, the "
                + "repository to publish its root to");
      }
      Tuf1RootTarget target = new Tuf1RootTarget(tuf, remote.clock());
      long v = ceremony.publish(req, target, remote.keyring(), operator);
      req.write(request);
      out.println("Published root version " + v + " of " + req.describeSubject() + " to " + tuf);
      Path base = tuf.toAbsolutePath().normalize();
      for (Path p : target.written()) {
        out.println("Wrote " + base.relativize(p));
      }
    } else {
      NotaryServer notary = remote.server(serverFlags.server, serverFlags.tls, req.subject());
      long v = ceremony.publish(req, notary, remote.cache(), remote.keyring(), operator);
      req.write(request);
      out.println("Published root version " + v + " of " + req.subject() + " to " + notary.url());
    }
    out.flush();
    return 0;
  }
}
