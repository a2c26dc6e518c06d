package dev.trustkeys.backend.file;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.PublicKeys;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Private keys in every unencrypted form Notary reads or writes: PKCS#8 as Notary writes it (ECDSA
 * with version 1 and a SEC1 payload, RSA without the NULL parameter, Ed25519 under OID
 * 1.3.6.1.4.1.11591.15.1 with 96 raw bytes), standard PKCS#8 (including RFC 8410 Ed25519), SEC1
 * {@code EC PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} and Notary's raw {@code ED25519 PRIVATE
 * KEY}.
 */
final class KeyCodec {
  static final ASN1ObjectIdentifier NOTARY_ED25519 =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.11591.15.1");
  static final ASN1ObjectIdentifier RFC8410_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");
  private static final int ED_LEN = 32;

  private KeyCodec() {}

  /** Parses an unencrypted PKCS#8 {@code PrivateKeyInfo} in Notary's or the standard dialect. */
  static KeyMaterial fromPkcs8(byte[] der) throws InvalidKeyDataException {
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
      ASN1Sequence algId = ASN1Sequence.getInstance(seq.getObjectAt(1));
      ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(algId.getObjectAt(0));
      byte[] payload = ASN1OctetString.getInstance(seq.getObjectAt(2)).getOctets();
      try {
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
          return fromSec1(payload);
        }
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
          return fromPkcs1(payload);
        }
        if (oid.equals(NOTARY_ED25519)) {
          return fromNotaryEd25519(payload);
        }
        if (oid.equals(RFC8410_ED25519)) {
          byte[] seed =
              ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(payload)).getOctets();
          return ed25519FromSeed(seed);
        }
      } finally {
        Arrays.fill(payload, (byte) 0);
      }
      throw new InvalidKeyDataException("unsupported key algorithm " + oid.getId());
    } catch (IOException | RuntimeException e) {
      throw new InvalidKeyDataException("not a PKCS#8 private key");
    }
  }

  /** SEC1 {@code ECPrivateKey}; P-256 only. */
  static KeyMaterial fromSec1(byte[] der) throws InvalidKeyDataException {
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
      byte[] d = ASN1OctetString.getInstance(seq.getObjectAt(1)).getOctets();
      byte[] point = null;
      for (int i = 2; i < seq.size(); i++) {
        ASN1TaggedObject t = ASN1TaggedObject.getInstance(seq.getObjectAt(i));
        if (t.getTagNo() == 0) {
          ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(t.getExplicitBaseObject());
          if (!curve.equals(SECObjectIdentifiers.secp256r1)) {
            throw new InvalidKeyDataException(
                "unsupported EC curve " + curve.getId() + ": only P-256 is used");
          }
        } else if (t.getTagNo() == 1) {
          point = DERBitString.getInstance(t.getExplicitBaseObject()).getOctets();
        }
      }
      BigInteger s = new BigInteger(1, d);
      Arrays.fill(d, (byte) 0);
      if (point == null) { // the curve's tables only when needed: building them is a cold start's
        // milliseconds
        X9ECParameters p256 = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1);
        ECPoint q = new FixedPointCombMultiplier().multiply(p256.getG(), s).normalize();
        point = q.getEncoded(false);
      }
      byte[] pkcs8 = standardEcPkcs8(s, point);
      try {
        KeyFactory kf = KeyFactory.getInstance("EC");
        PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(ecSpki(point)));
        return new KeyMaterial(priv, pub, Algorithm.ECDSA_P256);
      } finally {
        Arrays.fill(pkcs8, (byte) 0);
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new InvalidKeyDataException("not an EC private key");
    }
  }

  /** PKCS#1 {@code RSAPrivateKey}. */
  static KeyMaterial fromPkcs1(byte[] der) throws InvalidKeyDataException {
    try {
      RSAPrivateKey rsa = RSAPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
      byte[] pkcs8 =
          new DERSequence(
                  new ASN1Encodable[] {
                    new ASN1Integer(0),
                    new DERSequence(
                        new ASN1Encodable[] {
                          PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE
                        }),
                    new DEROctetString(der)
                  })
              .getEncoded();
      try {
        KeyFactory kf = KeyFactory.getInstance("RSA");
        PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        PublicKey pub =
            kf.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        int bits = rsa.getModulus().bitLength();
        if (bits < 2048) {
          throw new InvalidKeyDataException(
              "RSA key of " + bits + " bits is too small (2048 at least)");
        }
        return new KeyMaterial(priv, pub, bits > 2048 ? Algorithm.RSA_4096 : Algorithm.RSA_2048);
      } finally {
        Arrays.fill(pkcs8, (byte) 0);
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new InvalidKeyDataException("not an RSA private key");
    }
  }

  /** Notary's 96 raw bytes: public key (32) then Go's private key (seed 32 + public 32). */
  static KeyMaterial fromNotaryEd25519(byte[] raw) throws InvalidKeyDataException {
    if (raw.length != 3 * ED_LEN) {
      throw new InvalidKeyDataException("Ed25519 key has " + raw.length + " bytes, expected 96");
    }
    byte[] seed = Arrays.copyOfRange(raw, ED_LEN, 2 * ED_LEN);
    try {
      KeyMaterial m = ed25519FromSeed(seed);
      byte[] expectedPub = Arrays.copyOfRange(raw, 0, ED_LEN);
      if (!Arrays.equals(expectedPub, NotaryKeyNaming.publicBytes(m.publicKey()))) {
        throw new InvalidKeyDataException(
            "Ed25519 key is inconsistent: public part does not match");
      }
      return m;
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  static KeyMaterial ed25519FromSeed(byte[] seed) throws InvalidKeyDataException {
    if (seed.length != ED_LEN) {
      throw new InvalidKeyDataException("Ed25519 seed has " + seed.length + " bytes, expected 32");
    }
    try {
      byte[] pub = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
      byte[] pkcs8 =
          new DERSequence(
                  new ASN1Encodable[] {
                    new ASN1Integer(0),
                    new DERSequence(RFC8410_ED25519),
                    new DEROctetString(new DEROctetString(seed).getEncoded())
                  })
              .getEncoded();
      try {
        KeyFactory kf = KeyFactory.getInstance("Ed25519");
        PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        PublicKey pk = PublicKeys.ed25519(pub);
        return new KeyMaterial(priv, pk, Algorithm.ED25519);
      } finally {
        Arrays.fill(pkcs8, (byte) 0);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidKeyDataException("not an Ed25519 private key");
    }
  }

  /**
   * The unencrypted PKCS#8 Notary writes for this key (see the class comment). Caller zeroes the
   * result.
   */
  static byte[] toNotaryPkcs8(KeyMaterial m) {
    // BouncyCastle's DEROctetString keeps a reference to its array: scratch buffers are zeroed only
    // after the final encoding has been made.
    java.util.List<byte[]> scratch = new java.util.ArrayList<>();
    try {
      ASN1EncodableVector v = new ASN1EncodableVector();
      switch (m.algorithm()) {
        case ECDSA_P256:
          {
            ECPrivateKey k = (ECPrivateKey) m.privateKey();
            byte[] sec1 = sec1(k.getS(), ecPoint((ECPublicKey) m.publicKey()), true);
            scratch.add(sec1);
            v.add(new ASN1Integer(1));
            v.add(
                new DERSequence(
                    new ASN1Encodable[] {
                      X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1
                    }));
            v.add(new DEROctetString(sec1));
            break;
          }
        case RSA_2048:
        case RSA_4096:
          {
            RSAPrivateCrtKey k = (RSAPrivateCrtKey) m.privateKey();
            byte[] pkcs1 =
                new RSAPrivateKey(
                        k.getModulus(),
                        k.getPublicExponent(),
                        k.getPrivateExponent(),
                        k.getPrimeP(),
                        k.getPrimeQ(),
                        k.getPrimeExponentP(),
                        k.getPrimeExponentQ(),
                        k.getCrtCoefficient())
                    .getEncoded();
            scratch.add(pkcs1);
            v.add(new ASN1Integer(0));
            v.add(
                new DERSequence(
                    new ASN1Encodable[] {PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE}));
            v.add(new DEROctetString(pkcs1));
            break;
          }
        case ED25519:
          {
            byte[] std = m.privateKey().getEncoded();
            scratch.add(std);
            ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(std));
            byte[] inner = ASN1OctetString.getInstance(seq.getObjectAt(2)).getOctets();
            scratch.add(inner);
            byte[] seed =
                ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(inner)).getOctets();
            scratch.add(seed);
            byte[] pub = NotaryKeyNaming.publicBytes(m.publicKey());
            byte[] raw = new byte[3 * ED_LEN];
            scratch.add(raw);
            System.arraycopy(pub, 0, raw, 0, ED_LEN);
            System.arraycopy(seed, 0, raw, ED_LEN, ED_LEN);
            System.arraycopy(pub, 0, raw, 2 * ED_LEN, ED_LEN);
            v.add(new ASN1Integer(0));
            v.add(new DERSequence(NOTARY_ED25519));
            v.add(new DEROctetString(raw));
            break;
          }
        default:
          throw new IllegalStateException("unknown algorithm " + m.algorithm());
      }
      return new DERSequence(v).getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode private key", e);
    } finally {
      for (byte[] b : scratch) {
        Arrays.fill(b, (byte) 0);
      }
    }
  }

  static byte[] ecPoint(ECPublicKey pub) {
    X9ECParameters p256 = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1);
    return p256.getCurve()
        .createPoint(pub.getW().getAffineX(), pub.getW().getAffineY())
        .getEncoded(false);
  }

  private static byte[] sec1(BigInteger s, byte[] point, boolean withParams) throws IOException {
    byte[] d = new byte[32];
    byte[] sb = s.toByteArray();
    int start = sb.length > 32 ? sb.length - 32 : 0;
    System.arraycopy(sb, start, d, 32 - (sb.length - start), sb.length - start);
    Arrays.fill(sb, (byte) 0);
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(1));
    v.add(new DEROctetString(d));
    if (withParams) {
      v.add(new DERTaggedObject(true, 0, SECObjectIdentifiers.secp256r1));
    }
    v.add(new DERTaggedObject(true, 1, new DERBitString(point)));
    try {
      return new DERSequence(v).getEncoded();
    } finally {
      Arrays.fill(d, (byte) 0);
    }
  }

  private static byte[] standardEcPkcs8(BigInteger s, byte[] point) throws IOException {
    byte[] sec1 = sec1(s, point, false);
    try {
      return new DERSequence(
              new ASN1Encodable[] {
                new ASN1Integer(0),
                new DERSequence(
                    new ASN1Encodable[] {
                      X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1
                    }),
                new DEROctetString(sec1)
              })
          .getEncoded();
    } finally {
      Arrays.fill(sec1, (byte) 0);
    }
  }

  private static byte[] ecSpki(byte[] point) throws IOException {
    return new DERSequence(
            new ASN1Encodable[] {
              new DERSequence(
                  new ASN1Encodable[] {
                    X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1
                  }),
              new DERBitString(point)
            })
        .getEncoded();
  }

  /** The bytes do not hold a key this codec understands. */
  static final class InvalidKeyDataException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidKeyDataException(String message) {
      super(message);
    }
  }
}
