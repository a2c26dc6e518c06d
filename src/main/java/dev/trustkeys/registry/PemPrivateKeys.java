package dev.trustkeys.registry;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * An unencrypted TLS client key as Docker and Notary take it: PKCS#8 {@code PRIVATE KEY}, or EC/RSA
 * PEM.
 */
final class PemPrivateKeys {
  private PemPrivateKeys() {}

  static PrivateKey read(Path file) throws KeysException {
    try (Reader r = Files.newBufferedReader(file);
        PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair) {
        return conv.getKeyPair((PEMKeyPair) o).getPrivate();
      }
      if (o instanceof PrivateKeyInfo) {
        return conv.getPrivateKey((PrivateKeyInfo) o);
      }
      throw new KeysException(
          file
              + " holds no unencrypted private key (PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE"
              + " KEY): give the client certificate's key",
          ExitCode.USAGE);
    } catch (IOException e) {
      throw new KeysException(
          "cannot read the client key " + file + ": " + e.getMessage(), ExitCode.NOT_FOUND, e);
    }
  }
}
