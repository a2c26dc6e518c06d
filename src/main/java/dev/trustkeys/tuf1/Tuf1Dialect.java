package dev.trustkeys.tuf1;

import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.json.JsonReader;
import dev.trustkeys.core.json.JsonSyntaxException;
import dev.trustkeys.metadata.MetadataDialect;
import dev.trustkeys.metadata.MetadataFormatException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECNamedCurveSpec;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * TUF 1.0 as python-tuf/securesystemslib, go-tuf and tuf-js read and write it. Keys: {@code ecdsa}
 * with scheme {@code ecdsa-sha2-nistp256} and a PEM SubjectPublicKeyInfo, {@code rsa} with {@code
 * rsassa-pss-sha256} and PEM, {@code ed25519} as 64 hex digits. Signatures in hex, ECDSA as DER.
 * Key IDs: SHA-256 of the canonical JSON of the whole key object, custom fields included. Read
 * leniently, written strictly: go-tuf's early keys (key type {@code ecdsa-sha2-nistp256}, the
 * public point in hex) are read, never written.
 */
public final class Tuf1Dialect implements MetadataDialect {
  public static final Tuf1Dialect INSTANCE = new Tuf1Dialect();

  static final String ECDSA_SCHEME = "ecdsa-sha2-nistp256";
  static final String RSA_SCHEME = "rsassa-pss-sha256";
  static final String ED25519_SCHEME = "ed25519";

  private static final ECNamedCurveParameterSpec P256 = ECNamedCurveTable.getParameterSpec("P-256");
  private static final BigInteger P256_ORDER = P256.getN();

  private Tuf1Dialect() {}

  @Override
  public String name() {
    return "TUF 1.0";
  }

  /** Reads a file's bytes (UTF-8 JSON) into its envelope, checking its shape. */
  @Override
  public Map<String, Object> decodeFile(byte[] file) throws MetadataFormatException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(file))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MetadataFormatException("the file is not UTF-8 text");
    }
    Object tree;
    try {
      tree = JsonReader.parse(text);
    } catch (JsonSyntaxException e) {
      throw new MetadataFormatException(e.getMessage(), e);
    }
    Map<String, Object> env = Fields.asMap(tree, "the file");
    Fields.map(env, "signed", "the file");
    for (Object o : Fields.list(env, "signatures", "the file")) {
      Map<String, Object> s = Fields.asMap(o, "a signature");
      Fields.string(s, "keyid", "a signature");
      Fields.string(s, "sig", "a signature");
    }
    return env;
  }

  /**
   * A new file as python-tuf writes one ({@link JsonStyle#PYTHON_TUF}); {@link Metadata} keeps
   * other tools' style.
   */
  @Override
  public byte[] encodeFile(Map<String, Object> envelope) throws MetadataFormatException {
    return JsonStyle.PYTHON_TUF.write(envelope);
  }

  @Override
  public String typeName(String role) {
    return role;
  }

  @Override
  public byte[] canonicalBytes(Object signed) throws MetadataFormatException {
    return CanonicalJson.encode(signed);
  }

  @Override
  public String keyId(Map<String, Object> keyObject) throws MetadataFormatException {
    return sha256Hex(CanonicalJson.encode(keyObject));
  }

  @Override
  public Map<String, Object> encodePublicKey(PublicKey key, Map<String, Object> customFields)
      throws MetadataFormatException {
    Map<String, Object> k = new LinkedHashMap<>();
    Map<String, Object> keyval = new LinkedHashMap<>();
    if (key instanceof ECPublicKey) {
      if (((ECPublicKey) key).getParams().getOrder().equals(P256_ORDER)) {
        k.put("keytype", "ecdsa");
        keyval.put("public", pem(key.getEncoded()));
        k.put("keyval", keyval);
        k.put("scheme", ECDSA_SCHEME);
      } else {
        throw new MetadataFormatException("TUF 1.0 keys of keys are ECDSA on P-256 only");
      }
    } else if (key instanceof RSAPublicKey) {
      k.put("keytype", "rsa");
      keyval.put("public", pem(key.getEncoded()));
      k.put("keyval", keyval);
      k.put("scheme", RSA_SCHEME);
    } else if ("Ed25519".equalsIgnoreCase(key.getAlgorithm())
        || "EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
      k.put("keytype", "ed25519");
      keyval.put(
          "public",
          HexFormat.of()
              .formatHex(
                  SubjectPublicKeyInfo.getInstance(key.getEncoded())
                      .getPublicKeyData()
                      .getOctets()));
      k.put("keyval", keyval);
      k.put("scheme", ED25519_SCHEME);
    } else {
      throw new MetadataFormatException("unsupported key algorithm " + key.getAlgorithm());
    }
    for (Map.Entry<String, Object> e : customFields.entrySet()) {
      if (k.containsKey(e.getKey())) {
        throw new MetadataFormatException(
            "a custom key field cannot be named '" + e.getKey() + "'");
      }
      k.put(e.getKey(), e.getValue());
    }
    return k;
  }

  @Override
  public PublicKey decodePublicKey(Map<String, Object> keyObject) throws MetadataFormatException {
    String type = Fields.string(keyObject, "keytype", "key");
    String scheme = Fields.string(keyObject, "scheme", "key");
    String pub = Fields.string(Fields.map(keyObject, "keyval", "key"), "public", "key.keyval");
    try {
      switch (scheme) {
        case ECDSA_SCHEME:
          if (!type.equals("ecdsa") && !type.equals(ECDSA_SCHEME)) {
            break;
          }
          return pub.startsWith("-----BEGIN") ? fromSpki("EC", pemBody(pub)) : ecPoint(pub);
        case RSA_SCHEME:
          if (!type.equals("rsa")) {
            break;
          }
          return fromSpki("RSA", pemBody(pub));
        case ED25519_SCHEME:
          if (!type.equals("ed25519")) {
            break;
          }
          byte[] raw = hex(pub, "key.keyval.public");
          if (raw.length != 32) {
            throw new MetadataFormatException(
                "an ed25519 key must be 64 hex digits, not " + pub.length());
          }
          return fromSpki(
              "Ed25519",
              new SubjectPublicKeyInfo(
                      new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw)
                  .getEncoded());
        default:
          throw new MetadataFormatException(
              "unsupported key scheme '"
                  + scheme
                  + "' (keys reads "
                  + ECDSA_SCHEME
                  + ", "
                  + RSA_SCHEME
                  + " and "
                  + ED25519_SCHEME
                  + ")");
      }
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new MetadataFormatException(
          "cannot decode the " + type + " public key: " + e.getMessage(), e);
    }
    throw new MetadataFormatException(
        "key type '" + type + "' does not go with scheme '" + scheme + "'");
  }

  @Override
  public SignatureAlgorithm signatureAlgorithm(
      Map<String, Object> keyObject, Map<String, Object> signatureEntry)
      throws MetadataFormatException {
    String scheme = Fields.string(keyObject, "scheme", "key");
    switch (scheme) {
      case ECDSA_SCHEME:
        return SignatureAlgorithm.ECDSA_P256_SHA256;
      case RSA_SCHEME:
        return SignatureAlgorithm.RSA_PSS_SHA256;
      case ED25519_SCHEME:
        return SignatureAlgorithm.ED25519;
      default:
        throw new MetadataFormatException("unsupported signature scheme '" + scheme + "'");
    }
  }

  @Override
  public String schemeName(SignatureAlgorithm algorithm) {
    switch (algorithm) {
      case ECDSA_P256_SHA256:
        return ECDSA_SCHEME;
      case RSA_PSS_SHA256:
        return RSA_SCHEME;
      default:
        return ED25519_SCHEME;
    }
  }

  @Override
  public String encodeSignature(SignatureValue value) throws MetadataFormatException {
    byte[] v = value.value();
    if (value.algorithm() == SignatureAlgorithm.ECDSA_P256_SHA256) {
      try {
        BigInteger[] rs = PlainDSAEncoding.INSTANCE.decode(P256_ORDER, v);
        v = StandardDSAEncoding.INSTANCE.encode(P256_ORDER, rs[0], rs[1]);
      } catch (IOException | IllegalArgumentException e) {
        throw new MetadataFormatException("the back end returned a malformed ECDSA signature", e);
      }
    }
    return HexFormat.of().formatHex(v);
  }

  @Override
  public SignatureValue decodeSignature(SignatureAlgorithm algorithm, String encoded)
      throws MetadataFormatException {
    byte[] v = hex(encoded, "signature");
    if (algorithm == SignatureAlgorithm.ECDSA_P256_SHA256) {
      try {
        BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(P256_ORDER, v);
        v = PlainDSAEncoding.INSTANCE.encode(P256_ORDER, rs[0], rs[1]);
      } catch (IOException | IllegalArgumentException e) {
        throw new MetadataFormatException("an ECDSA signature is not DER", e);
      }
    }
    return new SignatureValue(algorithm, v);
  }

  /**
   * The PEM text securesystemslib writes for a public key: 64-character lines and a final newline.
   */
  static String pem(byte[] spki) throws MetadataFormatException {
    StringWriter w = new StringWriter();
    try (PemWriter pw = new PemWriter(w)) {
      pw.writeObject(new PemObject("PUBLIC KEY", spki));
    } catch (IOException e) {
      throw new MetadataFormatException("cannot write PEM", e);
    }
    return w.toString().replace("\r\n", "\n");
  }

  private static byte[] pemBody(String pem) throws IOException, MetadataFormatException {
    try (PemReader r = new PemReader(new StringReader(pem))) {
      PemObject o = r.readPemObject();
      if (o == null || !o.getType().equals("PUBLIC KEY")) {
        throw new MetadataFormatException("the public key is not a PEM 'PUBLIC KEY'");
      }
      return o.getContent();
    }
  }

  private static PublicKey fromSpki(String algorithm, byte[] spki) throws GeneralSecurityException {
    return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
  }

  /** go-tuf's early encoding: the uncompressed P-256 point in hex (checked to be on the curve). */
  private static PublicKey ecPoint(String hex)
      throws GeneralSecurityException, MetadataFormatException {
    org.bouncycastle.math.ec.ECPoint p =
        P256.getCurve().decodePoint(hex(hex, "key.keyval.public")).normalize();
    ECParameterSpec params =
        new ECNamedCurveSpec("P-256", P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    return KeyFactory.getInstance("EC")
        .generatePublic(
            new ECPublicKeySpec(
                new ECPoint(p.getAffineXCoord().toBigInteger(), p.getAffineYCoord().toBigInteger()),
                params));
  }

  static byte[] hex(String s, String field) throws MetadataFormatException {
    try {
      return HexFormat.of().parseHex(s);
    } catch (IllegalArgumentException e) {
      throw new MetadataFormatException(field + " is not hex");
    }
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  static boolean sameKey(PublicKey a, PublicKey b) {
    return Arrays.equals(a.getEncoded(), b.getEncoded());
  }
}
