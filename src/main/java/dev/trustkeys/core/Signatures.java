package dev.trustkeys.core;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * The forms of ECDSA signatures and the RSA-PSS parameters. The neutral form of an ECDSA signature
 * ({@link SignatureValue}) is raw r||s (IEEE P1363), which the JDK signs and verifies as {@link
 * #ECDSA_P1363}; a device that answers in DER (a PIV card), an X.509 certificate and a dialect that
 * writes DER need a conversion, done by BouncyCastle.
 */
public final class Signatures {
  /** The JCA algorithm of ECDSA with SHA-256, signature as raw r||s (P1363), not DER. */
  public static final String ECDSA_P1363 = "SHA256withECDSAinP1363Format";

  private static final int P256_FIELD_BYTES = 32;

  private Signatures() {}

  /**
   * The PSS parameters of {@link SignatureAlgorithm#RSA_PSS_SHA256}: SHA-256, MGF1-SHA-256, salt =
   * hash length.
   */
  public static PSSParameterSpec pssParameters() {
    return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
  }

  /**
   * An ECDSA P-256 signature in DER ({@code SEQUENCE {INTEGER r, INTEGER s}}) as raw r||s (64
   * bytes). Only strict DER with r and s below the group order n is accepted; anything else is a
   * {@link SignatureException}.
   */
  public static byte[] p256DerToRaw(byte[] der) throws SignatureException {
    try {
      BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(P256.ORDER, der);
      return PlainDSAEncoding.INSTANCE.encode(P256.ORDER, rs[0], rs[1]);
    } catch (IOException | RuntimeException e) {
      // BouncyCastle's ASN.1 reader reports malformed input as IOException or an unchecked
      // exception
      throw new SignatureException("not a DER ECDSA P-256 signature (" + der.length + " bytes)", e);
    }
  }

  /**
   * A raw r||s ECDSA P-256 signature (64 bytes, r and s below n) as DER, e.g. for an X.509
   * certificate.
   */
  public static byte[] p256RawToDer(byte[] raw) throws SignatureException {
    try {
      BigInteger[] rs = PlainDSAEncoding.INSTANCE.decode(P256.ORDER, raw);
      return StandardDSAEncoding.INSTANCE.encode(P256.ORDER, rs[0], rs[1]);
    } catch (IOException | RuntimeException e) {
      throw new SignatureException(
          "not a raw ECDSA P-256 signature ("
              + raw.length
              + " bytes, expected "
              + 2 * P256_FIELD_BYTES
              + ")",
          e);
    }
  }

  /** The order n of P-256, loaded with BouncyCastle only when a conversion needs it. */
  private static final class P256 {
    static final BigInteger ORDER = NISTNamedCurves.getByName("P-256").getN();
  }
}
