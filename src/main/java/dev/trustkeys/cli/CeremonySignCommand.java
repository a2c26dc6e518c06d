package dev.trustkeys.cli;

import dev.trustkeys.ceremony.CeremonyRequest;
import dev.trustkeys.ceremony.RootCeremony;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys ceremony sign REQUEST}: signs with every root key of the request held here; no server needed. */
@Command(name = "sign", description = "Sign a root signing request with your root key(s); the file is updated in "
    + "place. No server is needed.")
final class CeremonySignCommand implements Callable<Integer> {
  @ParentCommand CeremonyCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST") Path request;

  @Option(names = {"-k", "--key"}, paramLabel = "ID", description = "Sign only with this key (ID or prefix).")
  String key;

  @Option(names = "--operator", paramLabel = "NAME", description = "Who you are, for the transcript (default $USER).")
  String operator;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    Remote remote = new Remote(ctx);
    CeremonyRequest req = CeremonyRequest.read(request);
    Optional<KeyId> only = key == null ? Optional.empty() : Optional.of(ctx.resolve(key).id());
    List<String> signed = new RootCeremony(remote.clock()).sign(req, remote.stores(), only,
        CeremonyCommand.operator(operator, parent.root));
    req.write(request);
    var out = spec.commandLine().getOut();
    out.println("Signed the root of " + req.gun() + " with " + String.join(", ", signed));
    out.print(new RootCeremony(remote.clock()).status(req).toText());
    out.flush();
    return 0;
  }
}
