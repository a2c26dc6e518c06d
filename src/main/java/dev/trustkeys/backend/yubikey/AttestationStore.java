package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Attestations of keys generated on a YubiKey, kept beside the trust directory's keys: {@code
 * <trust dir>/yubikey/<key ID>.attestation.pem} holds the slot's attestation certificate followed
 * by the device's attestation certificate (slot f9). Public data only.
 */
public final class AttestationStore {
  private final Path dir;

  public AttestationStore(Path trustDir) {
    this.dir = trustDir.resolve("yubikey");
  }

  public Path file(KeyId id) {
    return dir.resolve(id.hex() + ".attestation.pem");
  }

  void save(KeyId id, X509Certificate attestation, X509Certificate device) throws KeysException {
    try {
      Files.createDirectories(dir);
      String pem = pem(attestation) + pem(device);
      Path tmp = Files.createTempFile(dir, ".attestation", ".tmp");
      Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
      Files.move(
          tmp, file(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new KeysException(
          dev.trustkeys.core.io.IoErrors.cannot("write the attestation to", file(id), e), e);
    } catch (CertificateEncodingException e) {
      throw new KeysException(
          "cannot encode the attestation for " + file(id) + ": " + e.getMessage(), e);
    }
  }

  public Optional<String> read(KeyId id) throws KeysException {
    Path f = file(id);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new String(dev.trustkeys.core.io.InputFiles.read(f, 1 << 20), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new KeysException(dev.trustkeys.core.io.IoErrors.cannot("read", f, e), e);
    }
  }

  static String pem(X509Certificate c) throws CertificateEncodingException {
    return dev.trustkeys.core.io.Pem.encode("CERTIFICATE", c.getEncoded());
  }
}
