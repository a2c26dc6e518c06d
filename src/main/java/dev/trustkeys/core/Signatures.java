package dev.trustkeys.core;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;

/** Conversions between JCA signatures and TUF's, and verification in TUF's form. */
public final class Signatures {
  private static final int P256_FIELD_BYTES = 32;

  private Signatures() {}

  /** The PSS parameters Notary/TUF use for {@code rsapss}: SHA-256, MGF1-SHA-256, salt = hash length. */
  public static PSSParameterSpec pssParameters() {
    return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
  }

  /** DER {@code SEQUENCE{INTEGER r, INTEGER s}} to raw fixed-width r||s. */
  public static byte[] derToRaw(byte[] der, int fieldBytes) {
    int[] pos = {2};
    if ((der[1] & 0xff) == 0x81) {
      pos[0] = 3;
    }
    BigInteger r = readInteger(der, pos);
    BigInteger s = readInteger(der, pos);
    byte[] out = new byte[2 * fieldBytes];
    copyUnsigned(r, out, 0, fieldBytes);
    copyUnsigned(s, out, fieldBytes, fieldBytes);
    return out;
  }

  /** Raw r||s to DER. */
  public static byte[] rawToDer(byte[] raw) {
    int half = raw.length / 2;
    byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, half)).toByteArray();
    byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length)).toByteArray();
    int len = 2 + r.length + 2 + s.length;
    byte[] out = new byte[(len > 127 ? 3 : 2) + len];
    int i = 0;
    out[i++] = 0x30;
    if (len > 127) {
      out[i++] = (byte) 0x81;
    }
    out[i++] = (byte) len;
    out[i++] = 0x02;
    out[i++] = (byte) r.length;
    System.arraycopy(r, 0, out, i, r.length);
    i += r.length;
    out[i++] = 0x02;
    out[i++] = (byte) s.length;
    System.arraycopy(s, 0, out, i, s.length);
    return out;
  }

  /** Verifies a TUF signature of {@code method} over {@code message}. */
  public static boolean verify(PublicKey key, String method, byte[] message, byte[] signature) {
    try {
      Signature v;
      byte[] sig = signature;
      switch (method) {
        case "ecdsa":
          if (signature.length != 2 * P256_FIELD_BYTES) {
            return false;
          }
          v = Signature.getInstance("SHA256withECDSA");
          sig = rawToDer(signature);
          break;
        case "rsapss":
          v = Signature.getInstance("RSASSA-PSS");
          v.setParameter(pssParameters());
          break;
        case "ed25519":
          v = Signature.getInstance("Ed25519");
          break;
        default:
          return false;
      }
      v.initVerify(key);
      v.update(message);
      return v.verify(sig);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static BigInteger readInteger(byte[] der, int[] pos) {
    if (der[pos[0]] != 0x02) {
      throw new IllegalArgumentException("not a DER ECDSA signature");
    }
    int len = der[pos[0] + 1] & 0xff;
    BigInteger v = new BigInteger(1, Arrays.copyOfRange(der, pos[0] + 2, pos[0] + 2 + len));
    pos[0] += 2 + len;
    return v;
  }

  private static void copyUnsigned(BigInteger v, byte[] out, int off, int width) {
    byte[] b = v.toByteArray();
    int start = b.length > width ? b.length - width : 0;
    int len = b.length - start;
    System.arraycopy(b, start, out, off + width - len, len);
  }
}
