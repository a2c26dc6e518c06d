package dev.trustkeys.cli;

import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Signer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keys sign --key ID|URI FILE}: sign a file's bytes with a key, in TUF's form (ECDSA raw
 * r||s, RSA-PSS). Prints the signature in base64, or writes it to {@code -o FILE} (raw bytes unless
 * {@code --base64}).
 */
@Command(
    name = "sign",
    description = "Sign a file with a key (TUF signature: ecdsa raw r||s, or rsapss).")
final class SignCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;

  @Option(
      names = {"-k", "--key"},
      required = true,
      paramLabel = "ID|URI",
      description = "Key ID (7 or more characters) or a token key's pkcs11: URI.")
  String key;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the signature to FILE (raw bytes unless --base64) instead of printing it in base64.")
  Path output;

  @Option(names = "--base64", description = "With -o: write base64 text instead of raw bytes.")
  boolean base64;

  /** The largest file signed (it is read into memory whole). */
  private static final int MAX_MESSAGE = 64 << 20;

  @Parameters(paramLabel = "FILE", description = "The file whose bytes are signed.")
  Path file;

  @Override
  public Integer call() throws KeysException {
    byte[] message;
    try {
      message = dev.trustkeys.core.io.InputFiles.read(file, MAX_MESSAGE);
    } catch (IOException e) {
      throw dev.trustkeys.core.io.IoErrors.cannotReadNamed(file, e);
    }
    Context ctx = new Context(root);
    byte[] sig;
    KeyInfo k;
    try (Signer s = signer(ctx)) {
      sig = s.sign(message).value();
      k = s.key();
    }
    String text = Base64.getEncoder().encodeToString(sig);
    PrintWriter out = root.out();
    if (output == null) {
      out.println(text);
    } else {
      dev.trustkeys.core.io.AtomicWrite.write(
          output.toAbsolutePath(),
          base64 ? (text + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII) : sig,
          dev.trustkeys.core.io.AtomicWrite.PUBLIC);
      PrintWriter err = root.errors();
      err.println("Signed " + file + " with " + k.label() + "; signature in " + output);
      err.flush();
    }
    out.flush();
    return 0;
  }

  private Signer signer(Context ctx) throws KeysException {
    return ctx.locateToUse(key).signer();
  }
}
