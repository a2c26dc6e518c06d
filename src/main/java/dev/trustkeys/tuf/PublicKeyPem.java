package dev.trustkeys.tuf;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * A delegation's public key read from a PEM file as Notary's {@code ParsePEMPublicKey} reads it:
 * the first block, {@code PUBLIC KEY} (an ecdsa, rsa or ed25519 key; PEM headers such as Docker's
 * {@code role: alice} are ignored) or {@code CERTIFICATE} (an {@code ecdsa-x509}/{@code rsa-x509}
 * key, which must be valid now, not signed with SHA-1, and hold an RSA key of at least 2048 bits).
 */
public final class PublicKeyPem {
  /** Docker reads at most 1 MiB of a public key file. */
  public static final int MAX_BYTES = 1 << 20;

  private PublicKeyPem() {}

  public static TufKey parse(byte[] file, Instant now) throws MetadataException {
    if (file.length > MAX_BYTES) {
      throw new MetadataException(
          "a public key file is at most 1 MiB, this one has " + file.length + " bytes");
    }
    String text = new String(file, StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN ");
    int typeEnd = begin < 0 ? -1 : text.indexOf("-----", begin + 11);
    if (typeEnd < 0) {
      throw new MetadataException("no PEM block: expected a PUBLIC KEY or a CERTIFICATE");
    }
    String type = text.substring(begin + 11, typeEnd);
    String endMark = "-----END " + type + "-----";
    int end = text.indexOf(endMark, typeEnd);
    if (end < 0) {
      throw new MetadataException("the PEM block " + type + " has no end line");
    }
    byte[] der = body(text.substring(typeEnd + 5, end), type);
    switch (type) {
      case "PUBLIC KEY":
        return TufKey.forPublicKey(publicKey(der));
      case "CERTIFICATE":
        return TufKey.forCertificate(certificate(der, now));
      default:
        throw new MetadataException(
            "unsupported PEM block type \"" + type + "\", expected CERTIFICATE or PUBLIC KEY");
    }
  }

  /** The base64 body after the optional headers ({@code Name: value} lines, then an empty line). */
  private static byte[] body(String block, String type) throws MetadataException {
    StringBuilder b64 = new StringBuilder();
    for (String line : block.split("\r?\n")) {
      String l = line.trim();
      if (!l.isEmpty() && l.indexOf(':') < 0) {
        b64.append(l);
      }
    }
    try {
      return Base64.getDecoder().decode(b64.toString());
    } catch (IllegalArgumentException e) {
      throw new MetadataException("the PEM block " + type + " is not valid base64");
    }
  }

  private static PublicKey publicKey(byte[] spki) throws MetadataException {
    for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(spki));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // try the next algorithm
      }
    }
    throw new MetadataException(
        "unable to parse the PEM public key: not an ECDSA, RSA or Ed25519 key");
  }

  private static X509Certificate certificate(byte[] der, Instant now) throws MetadataException {
    X509Certificate cert;
    try {
      cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new MetadataException("could not parse the certificate: " + e.getMessage());
    }
    if (now.isBefore(cert.getNotBefore().toInstant())
        || now.isAfter(cert.getNotAfter().toInstant())) {
      throw new MetadataException(
          "invalid certificate: valid from "
              + cert.getNotBefore().toInstant()
              + " to "
              + cert.getNotAfter().toInstant()
              + ", not now");
    }
    if (cert.getSigAlgName().toUpperCase(Locale.ROOT).contains("SHA1")) {
      throw new MetadataException("invalid certificate: signed with SHA-1");
    }
    if (cert.getPublicKey() instanceof RSAPublicKey
        && ((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength() < 2048) {
      throw new MetadataException("invalid certificate: its RSA key is shorter than 2048 bits");
    }
    String t = cert.getPublicKey().getAlgorithm();
    if (!t.equals("EC") && !t.equals("RSA")) {
      throw new MetadataException(
          "invalid certificate: Notary has certificate keys for ECDSA and RSA only");
    }
    return cert;
  }
}
