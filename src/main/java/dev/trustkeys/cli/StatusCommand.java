package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.notary.RepositoryStatus;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys status GUN}: which keys a repository uses, where each lives, when each role expires.
 */
@Command(
    name = "status",
    description =
        "Show a repository's keys, where each lives, and when each role expires: as the Notary"
            + " server has them with --server, else as the trust directory's cache does.")
final class StatusCommand implements Callable<Integer> {
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
    Map<String, byte[]> files;
    String source;
    if (server.given()) {
      files = RepositoryStatus.filesFromServer(server.server(remote, gun), gun, remote.cache());
      source = server.server;
    } else {
      files = RepositoryStatus.filesFromCache(remote.cache(), gun);
      source = remote.cache().repoDir(gun).toString();
    }
    RepositoryStatus.Report report =
        new RepositoryStatus(remote.keyring(), remote.clock()).report(gun, source, files);
    out.print(json.enabled ? Json.write(report.toJson()) : report.toText());
    out.flush();
    return 0;
  }
}
