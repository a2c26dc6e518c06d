package dev.trustkeys.tuf1;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** Public keys of keys held elsewhere, given as PEM files: a PUBLIC KEY (SPKI) or a CERTIFICATE. */
public final class PublicKeyFiles {
  private PublicKeyFiles() {}

  public static PublicKey read(Path file) throws KeysException {
    PemObject o;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PemReader pem = new PemReader(r)) {
      o = pem.readPemObject();
    } catch (IOException e) {
      throw new KeysException("cannot read " + file + ": " + e.getMessage(), ExitCode.NOT_FOUND);
    }
    if (o == null) {
      throw new KeysException(file + " holds no PEM public key or certificate", ExitCode.USAGE);
    }
    try {
      if (o.getType().equals("CERTIFICATE")) {
        return CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(o.getContent()))
            .getPublicKey();
      }
      if (o.getType().equals("PUBLIC KEY")) {
        for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
          try {
            return KeyFactory.getInstance(alg)
                .generatePublic(new X509EncodedKeySpec(o.getContent()));
          } catch (GeneralSecurityException e) {
            // try the next algorithm
          }
        }
      }
    } catch (GeneralSecurityException e) {
      throw new KeysException(
          file + ": the certificate cannot be read: " + e.getMessage(), ExitCode.USAGE);
    }
    throw new KeysException(
        file + " holds a PEM " + o.getType() + ", not an ECDSA, RSA or Ed25519 PUBLIC KEY",
        ExitCode.USAGE);
  }
}
