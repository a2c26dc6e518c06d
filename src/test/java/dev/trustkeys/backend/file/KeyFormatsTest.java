package dev.trustkeys.backend.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.secret.Secret;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every private-key encoding Notary reads or writes, and its encryption. */
class KeyFormatsTest {
  private static Secret pass(String s) {
    return Secret.copyOf(s.toCharArray(), Secret.Origin.PROGRAM);
  }

  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void notaryPkcs8_roundTrips_andSigns(Algorithm alg) throws Exception {
    try (KeyMaterial m = KeyFileStore.newKey(alg)) {
      byte[] der = KeyCodec.toNotaryPkcs8(m);
      try (KeyMaterial back = KeyCodec.fromPkcs8(der)) {
        assertEquals(m.id(), back.id());
        assertEquals(alg, back.algorithm());
        byte[] msg = "signed metadata".getBytes(StandardCharsets.UTF_8);
        SignatureValue sig = FileSigner.sign(back, msg);
        assertEquals(SignatureAlgorithm.of(alg), sig.algorithm());
        assertTrue(sig.verify(m.publicKey(), msg));
      }
    }
  }

  @Test
  void notaryPkcs8_ecdsa_hasVersion1AndSec1PayloadWithCurveAndPublicKey() throws Exception {
    try (KeyMaterial m = KeyFileStore.newKey(Algorithm.ECDSA_P256)) {
      ASN1Sequence seq =
          ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(KeyCodec.toNotaryPkcs8(m)));
      assertEquals(1, ASN1Integer.getInstance(seq.getObjectAt(0)).intValueExact());
      byte[] sec1 = ((DEROctetString) seq.getObjectAt(2)).getOctets();
      ASN1Sequence ec = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(sec1));
      assertEquals(4, ec.size(), "version, key, [0] curve, [1] public key");
      assertEquals(32, ((DEROctetString) ec.getObjectAt(1)).getOctets().length);
    }
  }

  @Test
  void notaryPkcs8_ed25519_usesNotaryOidAnd96RawBytes() throws Exception {
    try (KeyMaterial m = KeyFileStore.newKey(Algorithm.ED25519)) {
      ASN1Sequence seq =
          ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(KeyCodec.toNotaryPkcs8(m)));
      assertEquals(
          KeyCodec.NOTARY_ED25519, ASN1Sequence.getInstance(seq.getObjectAt(1)).getObjectAt(0));
      assertEquals(96, ((DEROctetString) seq.getObjectAt(2)).getOctets().length);
    }
  }

  @Test
  void rsaWithoutNullParameter_isRead() throws Exception {
    try (KeyMaterial m = KeyFileStore.newKey(Algorithm.RSA_2048)) {
      ASN1Sequence std =
          ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(m.privateKey().getEncoded()));
      byte[] noNull =
          new DERSequence(
                  new ASN1Encodable[] {
                    new ASN1Integer(0),
                    new DERSequence(PKCSObjectIdentifiers.rsaEncryption),
                    std.getObjectAt(2)
                  })
              .getEncoded();
      assertEquals(m.id(), KeyCodec.fromPkcs8(noNull).id());
      byte[] withNull =
          new DERSequence(
                  new ASN1Encodable[] {
                    new ASN1Integer(0),
                    new DERSequence(
                        new ASN1Encodable[] {
                          PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE
                        }),
                    std.getObjectAt(2)
                  })
              .getEncoded();
      assertEquals(m.id(), KeyCodec.fromPkcs8(withNull).id());
    }
  }

  @Test
  void standardPkcs8FromTheJdk_isRead_forEveryAlgorithm() throws Exception {
    for (Algorithm a : Algorithm.values()) {
      try (KeyMaterial m = KeyFileStore.newKey(a)) {
        assertEquals(m.id(), KeyCodec.fromPkcs8(m.privateKey().getEncoded()).id(), a.name());
      }
    }
  }

  @Test
  void pbes2_encryptsAsNotaryDoes_andDecrypts() throws Exception {
    byte[] plain = "a private key".getBytes(StandardCharsets.US_ASCII);
    byte[] enc = KeyEncryption.encrypt(plain, pass("correct horse"), 2048);
    ASN1Sequence epki = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(enc));
    ASN1Sequence alg = ASN1Sequence.getInstance(epki.getObjectAt(0));
    assertEquals(PKCSObjectIdentifiers.id_PBES2, alg.getObjectAt(0));
    ASN1Sequence kdfParams =
        ASN1Sequence.getInstance(
            ASN1Sequence.getInstance(ASN1Sequence.getInstance(alg.getObjectAt(1)).getObjectAt(0))
                .getObjectAt(1));
    assertEquals(
        2,
        kdfParams.size(),
        "salt and iterations only: PRF not encoded (HMAC-SHA1), no key length");
    assertEquals(8, ((DEROctetString) kdfParams.getObjectAt(0)).getOctets().length);
    assertArrayEquals(plain, KeyEncryption.decrypt(enc, pass("correct horse")));
    assertEquals(16, DerFraming.ciphertextLength(enc));
  }

  @Test
  void pbes2_wrongPassphrase_isReportedAsSuch() {
    byte[] enc = KeyEncryption.encrypt(new byte[100], pass("correct horse"), 2048);
    assertThrows(
        KeyEncryption.BadPassphraseException.class,
        () -> KeyEncryption.decrypt(enc, pass("wrong horse")));
  }

  @Test
  void pbes2_absurdIterationCount_isRefusedBeforeAnyWork() throws Exception {
    byte[] enc = KeyEncryption.encrypt(new byte[10], pass("p"), 2048);
    byte[] hostile = enc.clone();
    // The iteration INTEGER 2048 is encoded as 02 02 08 00; make it 02 02 7f ff... by replacing
    // with a 4-byte one is not length-preserving, so craft it from scratch instead.
    ASN1Sequence epki = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(hostile));
    String hex = org.bouncycastle.util.encoders.Hex.toHexString(epki.getEncoded());
    String patched = hex.replace("02020800", "02047fffffff".substring(0, 8));
    assertTrue(!patched.equals(hex));
    KeyCodec.InvalidKeyDataException e =
        assertThrows(
            KeyCodec.InvalidKeyDataException.class,
            () ->
                KeyEncryption.decrypt(
                    org.bouncycastle.util.encoders.Hex.decode(patched), pass("p")));
    assertTrue(
        e.getMessage().contains("not an encrypted PKCS#8 key")
            || e.getMessage().contains("iterations"));
  }

  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"ECDSA_P256", "RSA_2048"})
  void legacyRfc1423Pem_decrypts(Algorithm alg) throws Exception {
    try (KeyMaterial m = KeyFileStore.newKey(alg)) {
      StringWriter sw = new StringWriter();
      try (PemWriter w = new PemWriter(sw)) {
        w.writeObject(
            new JcaMiscPEMGenerator(
                m.privateKey(),
                new JcePEMEncryptorBuilder("AES-256-CBC")
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                    .setSecureRandom(new SecureRandom())
                    .build("legacy-pass".toCharArray())));
      }
      PemBlock b = PemBlock.parseAll(sw.toString()).get(0);
      assertTrue(b.isLegacyEncrypted());
      assertEquals(alg == Algorithm.RSA_2048 ? "RSA PRIVATE KEY" : "EC PRIVATE KEY", b.type());
      try (KeyMaterial back = KeyFile.decrypt(b, pass("legacy-pass"))) {
        assertEquals(m.id(), back.id());
      }
      assertThrows(
          KeyEncryption.BadPassphraseException.class, () -> KeyFile.decrypt(b, pass("other-pass")));
    }
  }

  @Test
  void legacyUnencryptedSec1AndPkcs1_areRead() throws Exception {
    for (Algorithm a : List.of(Algorithm.ECDSA_P256, Algorithm.RSA_2048)) {
      try (KeyMaterial m = KeyFileStore.newKey(a)) {
        StringWriter sw = new StringWriter();
        try (PemWriter w = new PemWriter(sw)) {
          w.writeObject(new JcaMiscPEMGenerator(m.privateKey()));
        }
        PemBlock b = PemBlock.parseAll(sw.toString()).get(0);
        try (KeyMaterial back = KeyFile.decrypt(b, null)) {
          assertEquals(m.id(), back.id());
        }
      }
    }
  }

  @Test
  void notaryEd25519LegacyBlock_isRead() throws Exception {
    try (KeyMaterial m = KeyFileStore.newKey(Algorithm.ED25519)) {
      ASN1Sequence seq =
          ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(KeyCodec.toNotaryPkcs8(m)));
      byte[] raw = ((DEROctetString) seq.getObjectAt(2)).getOctets();
      PemBlock b = new PemBlock("ED25519 PRIVATE KEY", Map.of("role", "targets/x"), raw);
      try (KeyMaterial back = KeyFile.decrypt(PemBlock.parseAll(b.encode()).get(0), null)) {
        assertEquals(m.id(), back.id());
      }
    }
  }

  @Test
  void pem_writesHeadersAsGoDoes_procTypeFirstThenSorted() throws Exception {
    PemBlock b =
        new PemBlock(
            "EC PRIVATE KEY",
            Map.of("role", "root", "gun", "g", "Proc-Type", "4,ENCRYPTED", "DEK-Info", "x"),
            new byte[70]);
    String text = b.encode();
    assertTrue(
        text.startsWith(
            "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: x\ngun: g\nrole: root\n\n"),
        text);
    for (String line : text.split("\n")) {
      assertTrue(line.length() <= 64, line);
    }
    PemBlock back = PemBlock.parseAll(text).get(0);
    assertEquals(b.headers(), back.headers());
    assertArrayEquals(b.bytes(), back.bytes());
  }

  @Test
  void pem_headersAsRead_aNameGivenTwiceKeepsItsLastValue_andTheMapIsSorted() throws Exception {
    // Go's decoder assigns each header to a map as it reads it: the last value of a name wins
    String text =
        "-----BEGIN PRIVATE KEY-----\nrole: targets\ngun : a/b \nrole: root\nDEK-Info: x\n\n"
            + "AAAA\n-----END PRIVATE KEY-----\n";
    PemBlock b = PemBlock.parseAll(text).get(0);
    assertEquals("root", b.header("role"));
    assertEquals("a/b", b.header("gun"));
    assertNull(b.header("Proc-Type"));
    assertFalse(b.isLegacyEncrypted());
    assertEquals(List.of("DEK-Info", "gun", "role"), List.copyOf(b.headers().keySet()));
    assertEquals("root", b.headers().get("role"));
    assertEquals(
        "-----BEGIN PRIVATE KEY-----\nDEK-Info: x\ngun: a/b\nrole: root\n\nAAAA\n"
            + "-----END PRIVATE KEY-----\n",
        b.encode());
    PemBlock renamed = b.withHeader("role", "snapshot").withHeader("gun", null);
    assertEquals("snapshot", renamed.header("role"));
    assertNull(renamed.header("gun"));
    assertEquals("root", b.header("role")); // the block read is left as it was
  }

  @Test
  void pem_extraBlocksSuchAsEcParameters_areKeptApart() throws Exception {
    String text =
        "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
            + new PemBlock("PRIVATE KEY", Map.of(), new byte[] {1, 2, 3}).encode();
    List<PemBlock> blocks = PemBlock.parseAll(text);
    assertEquals(2, blocks.size());
    assertEquals("EC PARAMETERS", blocks.get(0).type());
    assertNull(blocks.get(1).header("role"));
  }

  @Test
  void pem_truncatedOrBrokenBase64_isRejected() {
    assertThrows(
        PemBlock.PemException.class,
        () -> PemBlock.parseAll("-----BEGIN PRIVATE KEY-----\nAAAA\n"));
    assertThrows(
        PemBlock.PemException.class,
        () -> PemBlock.parseAll("-----BEGIN PRIVATE KEY-----\n%%%\n-----END PRIVATE KEY-----\n"));
  }

  @Test
  void keyMaterial_toString_showsNoSecret() throws Exception {
    try (KeyMaterial m = KeyFileStore.newKey(Algorithm.ECDSA_P256)) {
      String s = m.toString();
      assertTrue(s.contains("redacted"));
      String d = ((java.security.interfaces.ECPrivateKey) m.privateKey()).getS().toString(16);
      assertTrue(!s.contains(d));
    }
  }
}
