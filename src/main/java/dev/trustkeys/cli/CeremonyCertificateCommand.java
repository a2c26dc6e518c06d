package dev.trustkeys.cli;

import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.io.Pem;
import dev.trustkeys.tuf.RootCertificates;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys ceremony certificate GUN --key ID -o FILE}: a holder's root certificate (CN=GUN, 10
 * years).
 */
@Command(
    name = "certificate",
    description =
        "Make the self-signed root certificate (CN=GUN, 10 years) of one of "
            + "your root keys, to hand to whoever plans the ceremony.")
final class CeremonyCertificateCommand implements Callable<Integer> {
  @ParentCommand CeremonyCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "GUN")
  String gun;

  @Option(
      names = {"-k", "--key"},
      required = true,
      paramLabel = "ID",
      description = "Your root key (ID or prefix).")
  String key;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE")
  Path output;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    Keyring.Located located = ctx.locate(key);
    KeyInfo info = located.key();
    if (!info.role().isRoot()) {
      throw new UsageException(
          "key " + info.id().shortId() + " is a " + info.role() + " key, not a root key");
    }
    X509Certificate cert;
    try (Signer s = located.signer()) {
      cert = RootCertificates.create(s, gun, ctx.clock().instant());
    }
    dev.trustkeys.core.io.AtomicWrite.write(
        output.toAbsolutePath(),
        Pem.certificate(cert).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        dev.trustkeys.core.io.AtomicWrite.PUBLIC);
    spec.commandLine()
        .getOut()
        .println(
            "Wrote the root certificate of key "
                + info.id().hex()
                + " for "
                + gun
                + " to "
                + output);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
