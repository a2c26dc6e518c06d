package dev.trustkeys.core.io;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * X.509 certificates from files the user names (PEM or DER): read with one size limit, refused in
 * words.
 */
public final class CertificateFiles {
  /** The most bytes of a certificate file. */
  public static final int MAX_BYTES = 1 << 20;

  private CertificateFiles() {}

  /** Every certificate of {@code file}, at least one. */
  public static List<X509Certificate> readAll(Path file) throws KeysException {
    List<X509Certificate> out = new ArrayList<>();
    try (ByteArrayInputStream in = new ByteArrayInputStream(bytes(file))) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
    } catch (IOException | CertificateException e) {
      throw new UsageException(file + " holds no readable PEM certificate");
    }
    if (out.isEmpty()) {
      throw new UsageException(file + " holds no certificate");
    }
    return out;
  }

  /** The (first) certificate of {@code file}. */
  public static X509Certificate readOne(Path file) throws KeysException {
    try (ByteArrayInputStream in = new ByteArrayInputStream(bytes(file))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | CertificateException e) {
      throw new UsageException(file + " is not a readable certificate (PEM CERTIFICATE)");
    }
  }

  private static byte[] bytes(Path file) throws KeysException {
    try {
      return InputFiles.read(file, MAX_BYTES);
    } catch (IOException e) {
      throw IoErrors.cannotReadNamed(file, e);
    }
  }
}
