package dev.trustkeys.cli;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.notary.RootHistory;
import dev.trustkeys.tuf.RootChain;
import dev.trustkeys.tuf.RootChainReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys verify GUN [--server URL] [--json]}: checks the root chain from version 1 to the
 * newest.
 */
@Command(
    name = "verify",
    description =
        "Check a repository's root chain: signatures, thresholds, expiry, "
            + "certificate CN; every root version fetched from the Notary server with --server, else"
            + " the trust directory's copies. Exit code 7 if it does not verify.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "GUN")
  String gun;

  @Mixin ServerCheckFlags server;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(root);
    PrintWriter out = spec.commandLine().getOut();
    Remote remote = new Remote(ctx);
    RootChainReport report;
    if (server.given()) {
      List<byte[]> roots = RootHistory.fromServer(server.server(remote, gun), gun, remote.cache());
      report = new RootChain(remote.clock()).verify(gun, roots);
      if (report.ok()) {
        try {
          remote.cache().recordRootVersions(gun, roots);
        } catch (KeysException e) {
          spec.commandLine()
              .getErr()
              .println(
                  "keys: note: the verified root versions were not recorded as seen: "
                      + Advice.message(e));
        }
      }
    } else {
      RootHistory.Local local = RootHistory.fromCache(remote.cache(), gun);
      report = new RootChain(remote.clock()).verify(gun, local.roots(), local.firstVersion());
      if (local.firstVersion() > 1) {
        report =
            new RootChainReport(
                report.gun(),
                report.checkedAt(),
                report.steps(),
                List.of(
                    "versions 1.."
                        + (local.firstVersion() - 1)
                        + " are not in the trust directory: checked from version "
                        + local.firstVersion()
                        + "; use --server URL to check the whole chain"));
      }
    }
    out.print(json.enabled ? Json.write(report.toJson()) : report.toText());
    out.flush();
    return report.ok() ? 0 : ExitCode.VERIFICATION_FAILED.value();
  }
}
