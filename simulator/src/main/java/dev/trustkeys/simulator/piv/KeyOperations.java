package dev.trustkeys.simulator.piv;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/** Key generation, import and the raw private-key operations of GENERAL AUTHENTICATE. */
final class KeyOperations {
  private static final BigInteger E = BigInteger.valueOf(65537);

  private KeyOperations() {}

  static KeyPair generate(KeyType type) throws GeneralSecurityException {
    if (type.isEc()) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(type.curve()));
      return g.generateKeyPair();
    }
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(new java.security.spec.RSAKeyGenParameterSpec(type.bits, E));
    return g.generateKeyPair();
  }

  /** Public key in the GENERATE response format (content of 7F49). */
  static byte[] publicKeyTemplate(KeyType type, PublicKey pub) {
    if (type.isEc()) {
      return Tlv.encode(0x86, uncompressedPoint(type, ((ECPublicKey) pub).getW()));
    }
    RSAPublicKey rsa = (RSAPublicKey) pub;
    return Tlv.concat(
        Tlv.encode(0x81, unsigned(rsa.getModulus(), type.length)),
        Tlv.encode(0x82, rsa.getPublicExponent().toByteArray()));
  }

  static byte[] uncompressedPoint(KeyType type, ECPoint w) {
    return Tlv.concat(
        new byte[] {4},
        unsigned(w.getAffineX(), type.length),
        unsigned(w.getAffineY(), type.length));
  }

  static byte[] unsigned(BigInteger v, int len) {
    byte[] b = v.toByteArray();
    if (b.length == len) {
      return b;
    }
    byte[] out = new byte[len];
    if (b.length > len) {
      System.arraycopy(b, b.length - len, out, 0, len);
    } else {
      System.arraycopy(b, 0, out, len - b.length, b.length);
    }
    return out;
  }

  static ECParameterSpec ecParams(KeyType type) throws GeneralSecurityException {
    java.security.AlgorithmParameters p = java.security.AlgorithmParameters.getInstance("EC");
    p.init(new ECGenParameterSpec(type.curve()));
    return p.getParameterSpec(ECParameterSpec.class);
  }

  /** EC import: tag 06 = private scalar. Derives the public point. */
  static KeyPair importEc(KeyType type, byte[] d) throws GeneralSecurityException {
    if (d.length != type.length) {
      throw new GeneralSecurityException("EC scalar must be " + type.length + " bytes");
    }
    ECParameterSpec params = ecParams(type);
    BigInteger s = new BigInteger(1, d);
    if (s.signum() == 0 || s.compareTo(params.getOrder()) >= 0) {
      throw new GeneralSecurityException("EC scalar out of range");
    }
    org.bouncycastle.jce.spec.ECNamedCurveParameterSpec bc =
        org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec(type.curve());
    org.bouncycastle.math.ec.ECPoint q = bc.getG().multiply(s).normalize();
    ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    KeyFactory kf = KeyFactory.getInstance("EC");
    return new KeyPair(
        kf.generatePublic(new ECPublicKeySpec(w, params)),
        kf.generatePrivate(new ECPrivateKeySpec(s, params)));
  }

  /**
   * RSA import from CRT components p, q, dp, dq, qinv; the public exponent is 65537 as on a YubiKey
   * 4.
   */
  static KeyPair importRsa(KeyType type, byte[] p, byte[] q, byte[] dp, byte[] dq, byte[] qinv)
      throws GeneralSecurityException {
    BigInteger bp = new BigInteger(1, p);
    BigInteger bq = new BigInteger(1, q);
    BigInteger n = bp.multiply(bq);
    if (n.bitLength() != type.bits) {
      throw new GeneralSecurityException(
          "RSA modulus is " + n.bitLength() + " bits, expected " + type.bits);
    }
    BigInteger phi = bp.subtract(BigInteger.ONE).multiply(bq.subtract(BigInteger.ONE));
    BigInteger d = E.modInverse(phi);
    KeyFactory kf = KeyFactory.getInstance("RSA");
    return new KeyPair(
        kf.generatePublic(new RSAPublicKeySpec(n, E)),
        kf.generatePrivate(
            new RSAPrivateCrtKeySpec(
                n,
                E,
                d,
                bp,
                bq,
                new BigInteger(1, dp),
                new BigInteger(1, dq),
                new BigInteger(1, qinv))));
  }

  /** ECDSA over the given (already hashed) input; returns DER Ecdsa-Sig-Value. */
  static byte[] signEc(SlotKey key, byte[] hash) throws GeneralSecurityException {
    byte[] in = hash;
    if (in.length < key.type.length) {
      in = new byte[key.type.length];
      System.arraycopy(hash, 0, in, key.type.length - hash.length, hash.length);
    }
    Signature s = Signature.getInstance("NONEwithECDSA");
    s.initSign((ECPrivateKey) key.privateKey());
    s.update(in);
    return s.sign();
  }

  /** Raw RSA private-key operation (input already padded by the host). */
  static byte[] rsaRaw(SlotKey key, byte[] in) throws GeneralSecurityException {
    RSAPrivateKey priv = (RSAPrivateKey) key.privateKey();
    BigInteger m = new BigInteger(1, in);
    if (in.length != key.type.length || m.compareTo(priv.getModulus()) >= 0) {
      throw new GeneralSecurityException(
          "RSA input must be " + key.type.length + " bytes below the modulus");
    }
    return unsigned(m.modPow(priv.getPrivateExponent(), priv.getModulus()), key.type.length);
  }

  /** ECDH with an uncompressed peer point; returns the shared X coordinate. */
  static byte[] ecdh(SlotKey key, byte[] point) throws GeneralSecurityException {
    int n = key.type.length;
    if (point.length != 2 * n + 1 || point[0] != 4) {
      throw new GeneralSecurityException("peer point must be uncompressed");
    }
    ECPoint w =
        new ECPoint(
            new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + n)),
            new BigInteger(1, Arrays.copyOfRange(point, 1 + n, 1 + 2 * n)));
    PublicKey peer =
        KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ecParams(key.type)));
    KeyAgreement ka = KeyAgreement.getInstance("ECDH");
    ka.init(key.privateKey());
    ka.doPhase(peer, true);
    return ka.generateSecret();
  }
}
