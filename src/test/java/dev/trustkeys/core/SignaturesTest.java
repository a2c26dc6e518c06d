package dev.trustkeys.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TUF's ECDSA form (raw r||s) against DER, both ways, and what a malformed signature gets. */
class SignaturesTest {
  private static final byte[] MESSAGE = "signed".getBytes(StandardCharsets.UTF_8);
  private static final BigInteger N =
      new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

  @Test
  void derFromTheJdk_becomesRawThatVerifies_andBackToTheSameDer() throws Exception {
    KeyPair kp = p256();
    for (int i = 0;
        i < 20;
        i++) { // some r or s with a high bit (a 0x00 pad in DER) or shorter than 32 bytes
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(kp.getPrivate());
      s.update(MESSAGE);
      byte[] der = s.sign();
      byte[] raw = Signatures.p256DerToRaw(der);
      assertEquals(64, raw.length);
      assertTrue(SignatureAlgorithm.ECDSA_P256_SHA256.verify(kp.getPublic(), MESSAGE, raw));
      assertArrayEquals(der, Signatures.p256RawToDer(raw));
    }
  }

  @Test
  void malformedDer_isASignatureException_neverAnother() {
    byte[] good = der(BigInteger.ONE, BigInteger.TWO);
    List<byte[]> bad =
        List.of(
            new byte[0],
            new byte[] {0x30},
            new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02}, // truncated
            Arrays.copyOf(good, good.length + 1), // trailing byte
            hex(
                "3081060201010201 02"
                    .replace(" ", "")), // long-form length where short form is required
            hex("300702020001020102"), // non-minimal INTEGER
            der(BigInteger.ONE, N), // s = n
            der(BigInteger.ONE, BigInteger.ONE.negate()), // negative s
            hex("3106020101020102"), // SET, not SEQUENCE
            hex("3009020101020102020103"), // three INTEGERs
            hex("04020101")); // not even a sequence
    for (byte[] b : bad) {
      SignatureException e =
          assertThrows(
              SignatureException.class,
              () -> Signatures.p256DerToRaw(b),
              HexFormat.of().formatHex(b));
      assertTrue(
          e.getMessage().startsWith("not a DER ECDSA P-256 signature (" + b.length + " bytes)"),
          e.getMessage());
    }
    assertFalse(SignatureAlgorithm.ECDSA_P256_SHA256.verify(p256Public(), MESSAGE, new byte[64]));
  }

  @Test
  void malformedRaw_isASignatureException() {
    for (byte[] b : List.of(new byte[0], new byte[63], new byte[65], fill((byte) 0xff))) {
      SignatureException e =
          assertThrows(SignatureException.class, () -> Signatures.p256RawToDer(b));
      assertTrue(
          e.getMessage()
              .startsWith("not a raw ECDSA P-256 signature (" + b.length + " bytes, expected 64)"),
          e.getMessage());
    }
  }

  private static byte[] fill(byte b) {
    byte[] a = new byte[64];
    Arrays.fill(a, b);
    return a;
  }

  private static byte[] der(BigInteger r, BigInteger s) {
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    byte[] out = new byte[6 + rb.length + sb.length];
    out[0] = 0x30;
    out[1] = (byte) (4 + rb.length + sb.length);
    out[2] = 0x02;
    out[3] = (byte) rb.length;
    System.arraycopy(rb, 0, out, 4, rb.length);
    out[4 + rb.length] = 0x02;
    out[5 + rb.length] = (byte) sb.length;
    System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
    return out;
  }

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  private static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static java.security.PublicKey p256Public() {
    try {
      return p256().getPublic();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
