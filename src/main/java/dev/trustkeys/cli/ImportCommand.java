package dev.trustkeys.cli;

import dev.trustkeys.backend.file.ImportResult;
import dev.trustkeys.backend.file.KeyImporter;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.io.InputFiles;
import dev.trustkeys.core.io.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys import FILE...}: keys exported by Notary, Docker or {@code keys}, and unencrypted
 * keys.
 */
@Command(name = "import", description = "Import private keys from PEM files.")
final class ImportCommand implements Callable<Integer> {
  private static final int MAX_FILE = 1024 * 1024;

  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "PEM files holding private keys.")
  List<Path> files;

  @Option(
      names = {"-r", "--role"},
      paramLabel = "ROLE",
      completionCandidates = Completion.Roles.class,
      description = "Role for keys without a role header (default: delegation).")
  String role;

  @Option(
      names = {"-g", "--gun"},
      paramLabel = "GUN",
      description = "GUN for targets/snapshot keys without a gun header.")
  String gun;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(root);
    KeyImporter importer = new KeyImporter(ctx.fileStore());
    Role r = role == null ? null : Role.of(role);
    PrintWriter out = spec.commandLine().getOut();
    for (Path f : files) {
      String text;
      try {
        text = new String(InputFiles.read(f, MAX_FILE), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw IoErrors.cannotReadNamed(f, e);
      }
      for (ImportResult res : importer.importPem(text, f.toString(), r, gun)) {
        String what = res.status() == ImportResult.Status.IMPORTED ? "Imported" : "Already present";
        out.println(
            what
                + ": "
                + res.key().role()
                + " key "
                + res.key().id().hex()
                + (res.key().gun().isEmpty() ? "" : " (" + res.key().gun() + ")"));
      }
    }
    out.flush();
    return 0;
  }
}
