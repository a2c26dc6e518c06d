package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.Attestations;
import dev.trustkeys.backend.yubikey.Slot;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys yubikey attest SLOT}: the attestation certificate of a key generated on the YubiKey,
 * checked.
 */
@Command(
    name = "attest",
    description =
        "Print (PEM) the attestation of the key in SLOT followed by the YubiKey's"
            + " attestation certificate (f9), after checking them; --attestation-root checks up to that CA.")
final class YubiKeyAttestCommand implements Callable<Integer> {
  @ParentCommand YubiKeyCommand parent;
  @Spec CommandSpec spec;
  @Mixin YubiKeyDeviceOptions device;

  @Parameters(paramLabel = "SLOT", description = "9a, 9c, 9d or 9e.")
  String slot;

  @Option(
      names = "--attestation-root",
      paramLabel = "FILE",
      description = "PEM file of the trusted attestation CA.")
  Path attestationRoot;

  @Override
  public Integer call() throws KeysException {
    Slot s;
    try {
      s = Slot.parse(slot);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Context ctx = new Context(parent.root);
    YubiKeyDeviceOptions.Device d = device.open(ctx);
    java.util.List<X509Certificate> roots = YubiKeyInitOptions.readRoots(attestationRoot);
    Attestations.Attested a = Attestations.attest(d.session(), s, d.serial(), roots);
    PrintWriter out = spec.commandLine().getOut();
    out.print(a.pem());
    out.flush();
    spec.commandLine()
        .getErr()
        .println(
            "Attestation of slot "
                + s.hex()
                + " on YubiKey "
                + d.serial()
                + ": "
                + (a.rootVerified()
                    ? "verified up to " + roots.get(0).getSubjectX500Principal().getName()
                    : "verified up to the YubiKey's attestation certificate (give --attestation-root to check its CA)")
                + "; PIN policy "
                + a.pinPolicy()
                + ", touch policy "
                + a.touchPolicy());
    spec.commandLine().getErr().flush();
    return 0;
  }
}
