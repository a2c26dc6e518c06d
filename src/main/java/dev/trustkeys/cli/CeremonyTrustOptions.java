package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.PivAttestation;
import dev.trustkeys.backend.yubikey.YubiKeyAttestations;
import dev.trustkeys.ceremony.RootCeremony;
import dev.trustkeys.core.KeysException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What every ceremony step trusts to check YubiKey attestations recorded with root keys: Yubico's
 * PIV attestation roots (bundled) and any {@code --attestation-root FILE} (for firmware 5.7.4 and
 * later, Yubico's attestation root with its PIV intermediates; for the virtual YubiKey, its test
 * root).
 */
final class CeremonyTrustOptions {
  @Option(
      names = "--attestation-root",
      paramLabel = "FILE",
      description =
          "Also trust the attestation CA(s) in "
              + "this PEM file when checking the YubiKey attestations recorded with root keys (Yubico's PIV roots are "
              + "built in). Repeatable.")
  List<Path> attestationRoots = new ArrayList<>();

  /** The bundled Yubico roots and the given ones. */
  List<X509Certificate> trusted() throws KeysException {
    List<X509Certificate> all = new ArrayList<>(PivAttestation.yubicoRoots());
    for (Path p : attestationRoots) {
      all.addAll(YubiKeyInitOptions.readRoots(p));
    }
    return all;
  }

  RootCeremony ceremony(Clock clock) throws KeysException {
    return new RootCeremony(clock, new YubiKeyAttestations(trusted()));
  }
}
