package dev.trustkeys.cli;

import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.io.AtomicWrite;
import dev.trustkeys.core.io.AtomicWrite.Checkpoint;
import dev.trustkeys.core.io.Pem;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys export}: private keys as stored (still encrypted, with the {@code path:} header
 * Notary's import needs), or with {@code --public} the public key.
 */
@Command(
    name = "export",
    description = "Export keys: encrypted private keys as stored, or --public.")
final class ExportCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "KEYID|URI",
      arity = "1..*",
      description = "Key IDs (7 or more characters) or token keys' pkcs11: URIs.")
  List<String> ids;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE (mode 0600) instead of standard output.")
  Path output;

  @Option(
      names = {"-f", "--force"},
      description = "Replace FILE if it exists.")
  boolean force;

  @Option(names = "--public", description = "Export the public key (PEM PUBLIC KEY).")
  boolean publicOnly;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(root);
    StringBuilder sb = new StringBuilder();
    for (String q : ids) {
      Keyring.Located located = ctx.locate(q);
      KeyInfo k = located.key();
      if (publicOnly) {
        try (Signer s = located.backend().signer(k.id())) {
          sb.append(publicPem(k, s.publicKey().getEncoded()));
        }
      } else {
        if (k.location().isHardware()) {
          throw new UsageException(
              k.label()
                  + " lives on "
                  + k.location().display()
                  + " and cannot leave it: export its backup file, or use --public");
        }
        sb.append(ctx.fileStore().exportBlock(k.id()).encode());
      }
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(sb);
      out.flush();
    } else {
      Path file = output.toAbsolutePath();
      if (Files.isDirectory(file)) {
        throw new UsageException(file + " is a directory: name the file to write with -o FILE");
      }
      if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new KeysException(
            file + " exists: choose another name, or add --force to replace it", ExitCode.CONFLICT);
      }
      TrustDirectory.ensurePrivateDirectory(file.getParent());
      try {
        AtomicWrite.write(file, bytes, AtomicWrite.PRIVATE, !force, Checkpoint.NONE);
      } catch (AtomicWrite.ExistsException e) {
        throw new KeysException(
            file + " exists: choose another name, or add --force to replace it", ExitCode.CONFLICT);
      }
    }
    return 0;
  }

  private static String publicPem(KeyInfo k, byte[] spki) {
    return Pem.encode("PUBLIC KEY", Map.of("role", k.role().toString()), spki);
  }
}
