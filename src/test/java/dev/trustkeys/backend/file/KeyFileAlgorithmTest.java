package dev.trustkeys.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.testing.KeysCli;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The algorithm of an encrypted key file, told from its ciphertext length without decrypting (as
 * {@code keys list} does): every PKCS#8 encoding of the keys' algorithms that tools write,
 * encrypted as Notary encrypts (PBES2, AES-256-CBC, 2,048 iterations), and a length that fits none,
 * which is shown as unknown rather than guessed.
 */
class KeyFileAlgorithmTest {
  private static final String PASSPHRASE = "root-passphrase-1";

  @TempDir Path tmp;

  /** One PKCS#8 encoding of a fresh key, with the algorithm it holds. */
  enum Encoding {
    ED25519_RFC8410_V1(Algorithm.ED25519),
    ED25519_RFC8410_V2_WITH_PUBLIC_KEY(Algorithm.ED25519),
    ED25519_AS_NOTARY_WRITES_IT(Algorithm.ED25519),
    P256_WITHOUT_PUBLIC_POINT(Algorithm.ECDSA_P256),
    P256_WITHOUT_PUBLIC_POINT_WITH_CURVE(Algorithm.ECDSA_P256),
    P256_AS_JAVA_ENCODES_IT(Algorithm.ECDSA_P256),
    P256_WITH_PUBLIC_POINT(Algorithm.ECDSA_P256),
    P256_AS_NOTARY_WRITES_IT(Algorithm.ECDSA_P256),
    RSA2048_AS_NOTARY_WRITES_IT(Algorithm.RSA_2048),
    RSA2048_AS_JAVA_ENCODES_IT(Algorithm.RSA_2048),
    RSA4096_AS_NOTARY_WRITES_IT(Algorithm.RSA_4096);

    final Algorithm algorithm;

    Encoding(Algorithm algorithm) {
      this.algorithm = algorithm;
    }

    byte[] pkcs8() throws Exception {
      switch (this) {
        case ED25519_RFC8410_V1:
        case ED25519_RFC8410_V2_WITH_PUBLIC_KEY:
          {
            byte[] seed = new byte[32];
            new java.security.SecureRandom().nextBytes(seed);
            byte[] pub = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
            return new PrivateKeyInfo(
                    new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                    new DEROctetString(seed),
                    null,
                    this == ED25519_RFC8410_V1 ? null : pub)
                .getEncoded();
          }
        case ED25519_AS_NOTARY_WRITES_IT:
        case P256_AS_NOTARY_WRITES_IT:
        case RSA2048_AS_NOTARY_WRITES_IT:
        case RSA4096_AS_NOTARY_WRITES_IT:
          try (KeyMaterial m = KeyFileStore.newKey(algorithm)) {
            return KeyCodec.toNotaryPkcs8(m);
          }
        case RSA2048_AS_JAVA_ENCODES_IT:
          {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair().getPrivate().getEncoded();
          }
        case P256_AS_JAVA_ENCODES_IT:
          return p256().getPrivate().getEncoded();
        default:
          return p256Pkcs8(p256(), this, null);
      }
    }
  }

  private static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** A P-256 PKCS#8 as RFC 5915 allows it: with or without the curve and the public point. */
  private static byte[] p256Pkcs8(KeyPair k, Encoding e, ASN1Set attributes) throws Exception {
    BigInteger d = ((ECPrivateKey) k.getPrivate()).getS();
    ASN1Encodable curve =
        e == Encoding.P256_WITHOUT_PUBLIC_POINT_WITH_CURVE ? SECObjectIdentifiers.secp256r1 : null;
    DERBitString point =
        e == Encoding.P256_WITH_PUBLIC_POINT
            ? new DERBitString(KeyCodec.ecPoint((ECPublicKey) k.getPublic()))
            : null;
    return new PrivateKeyInfo(
            new AlgorithmIdentifier(
                X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1),
            new org.bouncycastle.asn1.sec.ECPrivateKey(256, d, point, curve),
            attributes)
        .getEncoded();
  }

  private static byte[] encrypt(byte[] pkcs8) {
    try (Secret s = Secret.copyOf(PASSPHRASE.toCharArray(), Secret.Origin.PROGRAM)) {
      return KeyEncryption.encrypt(pkcs8, s, 2048);
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void eachEncodingThatExists_isToldFromItsCiphertextLength(Encoding e) throws Exception {
    byte[] pkcs8 = e.pkcs8();
    try (KeyMaterial m = KeyCodec.fromPkcs8(pkcs8)) {
      assertEquals(e.algorithm, m.algorithm(), "keys reads " + e);
    }
    int length = DerFraming.ciphertextLength(encrypt(pkcs8));
    assertEquals(
        e.algorithm,
        KeyFile.byCiphertextLength(length),
        e + ": " + pkcs8.length + " bytes of PKCS#8, " + length + " of ciphertext");
  }

  @Test
  void lengthsNoEncodingGives_areNotTold() {
    for (int len = 16; len <= 4096; len += 16) {
      Algorithm a = KeyFile.byCiphertextLength(len);
      boolean known =
          len == 64
              || len == 80
              || len == 96
              || len == 128
              || len == 144
              || len == 160
              || (len >= 1184 && len <= 1264)
              || (len >= 2336 && len <= 2432);
      assertEquals(known, a != null, len + " bytes of ciphertext: " + a);
    }
  }

  /**
   * The defect: a P-256 key whose PKCS#8 leaves out the optional public point (Java's encoding, or
   * {@code openssl pkcs8 -topk8} of a key written without it), encrypted as Notary does, is 80
   * bytes of ciphertext, and was listed as ed25519.
   */
  @Test
  void list_aP256KeyWithoutItsPublicPoint_showsEcdsa_andItSigns() throws Exception {
    KeyPair k = p256();
    String id = place(p256Pkcs8(k, Encoding.P256_WITHOUT_PUBLIC_POINT, null), k);
    assertEquals(80, DerFraming.ciphertextLength(ciphertextOf(id)));

    KeysCli keys = keys();
    KeysCli.Result list = keys.run("list");
    assertEquals(0, list.exit(), list.toString());
    String line = list.out().lines().filter(l -> l.contains(id)).findFirst().orElseThrow();
    assertTrue(line.contains("ecdsa") && !line.contains("ed25519"), list.out());
    KeysCli.Result json = keys.run("list", "--json");
    assertTrue(
        json.out().contains("\"id\": \"" + id + "\"")
            && json.out().contains("\"algorithm\": \"ecdsa\"")
            && !json.out().contains("ed25519"),
        json.out());

    Path msg = Files.writeString(tmp.resolve("msg"), "signed metadata");
    KeysCli.Result sign = keys.run("sign", "--key", id, msg.toString());
    assertEquals(0, sign.exit(), sign.toString());
  }

  /**
   * A length no known encoding gives (here 112: P-256 without the public point and with a PKCS#8
   * attribute, a friendly name of 8 characters): shown as unknown ("?", null in JSON), and still a
   * key, which backs up and signs.
   */
  @Test
  void list_aLengthThatTellsNothing_showsUnknown_andTheKeyStillSigns() throws Exception {
    KeyPair k = p256();
    ASN1Set friendlyName =
        new DERSet(
            new DERSequence(
                new ASN1Encodable[] {
                  PKCSObjectIdentifiers.pkcs_9_at_friendlyName,
                  new DERSet(new DERBMPString("keys-key"))
                }));
    String id = place(p256Pkcs8(k, Encoding.P256_WITHOUT_PUBLIC_POINT, friendlyName), k);
    int length = DerFraming.ciphertextLength(ciphertextOf(id));
    assertEquals(112, length);
    assertNull(KeyFile.byCiphertextLength(length));

    KeysCli keys = keys();
    KeysCli.Result list = keys.run("list");
    assertEquals(0, list.exit(), list.toString());
    String line = list.out().lines().filter(l -> l.contains(id)).findFirst().orElseThrow();
    assertTrue(line.contains(" ? ") || line.contains("\t?\t"), list.out());
    assertTrue(!list.err().contains("unreadable"), list.err());
    KeysCli.Result json = keys.run("list", "--json");
    assertTrue(json.out().contains("\"algorithm\": null"), json.out());

    Path msg = Files.writeString(tmp.resolve("msg"), "signed metadata");
    KeysCli.Result sign = keys.run("sign", "--key", id, msg.toString());
    assertEquals(0, sign.exit(), sign.toString());
    KeyFileFormat.Parsed p = KeyFileFormat.parse(id + ".key", Files.readAllBytes(keyFile(id)));
    assertNull(p.algorithm());
    assertEquals(id, p.id().hex());
  }

  /** Writes the key as Notary keeps a root key: {@code private/<ID>.key}, header {@code role}. */
  private String place(byte[] pkcs8, KeyPair k) throws Exception {
    String id;
    try (KeyMaterial m = KeyCodec.fromPkcs8(pkcs8)) {
      id = m.id().hex();
      assertEquals(k.getPublic(), m.publicKey());
    }
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(encrypt(pkcs8));
    Arrays.fill(pkcs8, (byte) 0);
    Path f = keyFile(id);
    Files.createDirectories(f.getParent());
    Files.writeString(
        f,
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nrole: root\n\n"
            + b64
            + "\n-----END ENCRYPTED PRIVATE KEY-----\n");
    return id;
  }

  private Path keyFile(String id) {
    return tmp.resolve("trust").resolve("private").resolve(id + ".key");
  }

  private byte[] ciphertextOf(String id) throws Exception {
    String pem = Files.readString(keyFile(id));
    String b64 = pem.substring(pem.indexOf("\n\n") + 2, pem.indexOf("-----END"));
    return Base64.getMimeDecoder().decode(b64);
  }

  private KeysCli keys() {
    return new KeysCli(
        tmp.resolve("trust"), Map.of("NOTARY_ROOT_PASSPHRASE", PASSPHRASE, "HOME", tmp.toString()));
  }
}
