package dev.trustkeys.simulator;

import static dev.trustkeys.simulator.CardDriver.HEX;
import static dev.trustkeys.simulator.CardDriver.data;
import static dev.trustkeys.simulator.CardDriver.sw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.simulator.piv.Attestation;
import dev.trustkeys.simulator.piv.CertObject;
import dev.trustkeys.simulator.piv.Slot;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VirtualYubiKeyTest {
  private final CardDriver card = CardDriver.fresh(5551234);

  @Test
  void atr_isTheYubiKey4Atr() {
    assertEquals("3bf81300008131fe15597562696b657934d4", HEX.formatHex(card.card.atr()));
  }

  @Test
  void selectPiv_answersWithApplicationTemplate() {
    assertEquals("61114f0600001000010079074f05a0000003089000", card.selectPiv());
  }

  @Test
  void getVersion_returnsFirmware435() {
    card.selectPiv();
    assertEquals("0403059000", card.send("00FD000000"));
  }

  @Test
  void serial_isReadThroughTheOtpApplet() {
    assertEquals(0x9000, sw(card.send("00A4040008A000000527200101")));
    assertEquals(String.format("%08x9000", 5551234), card.send("0001100000"));
  }

  @Test
  void getMetadataAndGetSerial_areRefusedWith6D00OnYubiKey4() {
    card.selectPiv();
    assertEquals("6d00", card.send("00F7009A00"));
    assertEquals("6d00", card.send("00F8000000"));
  }

  @Test
  void verify_withWrongPin_decrementsRetriesThenBlocks() {
    card.selectPiv();
    assertEquals("63c3", card.send("0020008000"));
    assertEquals(0x63C2, card.verify("654321"));
    assertEquals(0x63C1, card.verify("654321"));
    assertEquals("63c1", card.send("0020008000"));
    assertEquals(0x63C0, card.verify("654321"));
    assertEquals(0x6983, card.verify("123456"), "blocked even with the right PIN");
    assertEquals("6983", card.send("0020008000"));
    assertEquals(0, card.card.state().pinTries());
  }

  @Test
  void verify_withRightPin_resetsCounterAndEmptyVerifyAnswers9000() {
    card.selectPiv();
    assertEquals(0x63C2, card.verify("000000"));
    assertEquals(0x9000, card.verify("123456"));
    assertEquals("9000", card.send("0020008000"));
    assertEquals(3, card.card.state().pinTries());
  }

  @Test
  void selectingAnotherApplet_dropsPinVerification() {
    card.selectPiv();
    assertEquals(0x9000, card.verify("123456"));
    assertEquals(0x9000, sw(card.send("00A4040008A000000527471117")));
    card.selectPiv();
    assertEquals("63c3", card.send("0020008000"));
  }

  @Test
  void resetRetry_withPuk_unblocksPin() {
    card.selectPiv();
    for (int i = 0; i < 3; i++) {
      card.verify("999999");
    }
    assertEquals("6983", card.send("0020008000"));
    assertEquals(
        "63c2",
        card.send("002C008010" + CardDriver.padded("00000000") + CardDriver.padded("654321")));
    assertEquals(
        "9000",
        card.send("002C008010" + CardDriver.padded("12345678") + CardDriver.padded("654321")));
    assertEquals(0x9000, card.verify("654321"));
    assertEquals(3, card.card.state().pukTries());
  }

  @Test
  void changeReference_changesPinAndPuk_andCountsWrongOldValues() {
    card.selectPiv();
    assertEquals(
        "63c2",
        card.send("0024008010" + CardDriver.padded("111111") + CardDriver.padded("222222")));
    assertEquals(
        "9000",
        card.send("0024008010" + CardDriver.padded("123456") + CardDriver.padded("222222")));
    assertEquals(0x9000, card.verify("222222"));
    assertEquals(
        "9000",
        card.send("0024008110" + CardDriver.padded("12345678") + CardDriver.padded("87654321")));
    assertEquals(
        "6a80",
        card.send("0024008010" + CardDriver.padded("222222") + CardDriver.padded("12")),
        "new PIN shorter than 6");
  }

  @Test
  void mutualAuthentication_withDefaultKey_succeeds_andWithWrongKey_fails() throws Exception {
    card.selectPiv();
    assertEquals(
        0x6982,
        card.authenticate(HEX.parseHex("0102030405060708010203040506070801020304050607ff")));
    assertFalse(card.card.isManagementKeyAuthenticated());
    assertEquals(0x9000, card.authenticate(CardDriver.DEFAULT_MGMT));
    assertTrue(card.card.isManagementKeyAuthenticated());
  }

  @Test
  void witnessResponse_withoutWitnessRequest_isRefused() {
    card.selectPiv();
    assertEquals(
        "6982", card.send("0087039B167C148008" + "00".repeat(8) + "8108" + "00".repeat(8)));
  }

  @Test
  void generate_withoutManagementKey_isRefused() {
    card.selectPiv();
    assertEquals("6982", card.send("004700 9A 05 AC03800111"));
  }

  @Test
  void generateP256_thenSign_producesVerifiableEcdsa() throws Exception {
    card.selectPiv();
    assertEquals(0x9000, card.authenticate(CardDriver.DEFAULT_MGMT));
    String r = card.send("0047009A0BAC09800111AA0102AB0101");
    assertEquals(0x9000, sw(r));
    byte[] d = data(r);
    assertEquals("7f494386410", HEX.formatHex(d).substring(0, 11));
    PublicKey pub = ecPublicKey(Arrays.copyOfRange(d, 5, 70));
    byte[] hash = MessageDigest.getInstance("SHA-256").digest("hello".getBytes());
    assertEquals(
        "6982", card.send("0087119A267C24820081 20" + HEX.formatHex(hash)), "PIN policy once");
    assertEquals(0x9000, card.verify("123456"));
    for (int i = 0; i < 2; i++) {
      String s = card.send("0087119A267C248200812 0".replace(" ", "") + HEX.formatHex(hash));
      assertEquals(0x9000, sw(s));
      byte[] sig = Arrays.copyOfRange(data(s), 4, data(s).length);
      Signature v = Signature.getInstance("SHA256withECDSA");
      v.initVerify(pub);
      v.update("hello".getBytes());
      assertTrue(v.verify(sig));
    }
  }

  @Test
  void pinAlwaysKey_needsVerifyBeforeEverySignature() throws Exception {
    card.selectPiv();
    card.authenticate(CardDriver.DEFAULT_MGMT);
    assertEquals(0x9000, sw(card.send("0047009C05AC03800111")), "9C defaults to PIN always");
    String sign = "0087119C267C24820081 20".replace(" ", "") + "00".repeat(32);
    card.verify("123456");
    assertEquals(0x9000, sw(card.send(sign)));
    assertEquals("6982", card.send(sign));
    card.verify("123456");
    assertEquals(0x9000, sw(card.send(sign)));
  }

  @Test
  void ecdh_returnsSharedSecret() throws Exception {
    card.selectPiv();
    card.authenticate(CardDriver.DEFAULT_MGMT);
    byte[] d = data(card.send("0047009D05AC03800111"));
    PublicKey cardPub = ecPublicKey(Arrays.copyOfRange(d, 5, 70));
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair peer = g.generateKeyPair();
    java.security.interfaces.ECPublicKey pp =
        (java.security.interfaces.ECPublicKey) peer.getPublic();
    String point = "04" + hex32(pp.getW().getAffineX()) + hex32(pp.getW().getAffineY());
    card.verify("123456");
    String r = card.send("0087119D477C458200854104" + point.substring(2));
    assertEquals(0x9000, sw(r));
    javax.crypto.KeyAgreement ka = javax.crypto.KeyAgreement.getInstance("ECDH");
    ka.init(peer.getPrivate());
    ka.doPhase(cardPub, true);
    assertArrayEquals(ka.generateSecret(), Arrays.copyOfRange(data(r), 4, 36));
  }

  @Test
  void rsa2048_generateAndSign_useResponseAndCommandChaining() throws Exception {
    card.selectPiv();
    card.authenticate(CardDriver.DEFAULT_MGMT);
    int[] sw = new int[1];
    String first = card.send("0047009A05AC03800107");
    assertEquals(0x61, sw(first) >> 8, "RSA-2048 public key needs response chaining");
    byte[] pubTemplate = card.transfer(0x47, 0, 0x9A, HEX.parseHex("AC03800107"), sw);
    assertEquals(0x9000, sw[0]);
    assertEquals("7f4982010981820100", HEX.formatHex(Arrays.copyOf(pubTemplate, 9)));
    BigInteger n = new BigInteger(1, Arrays.copyOfRange(pubTemplate, 9, 265));
    card.verify("123456");
    byte[] block = new byte[256];
    block[255] = 42;
    byte[] cmd =
        dev.trustkeys.simulator.piv.Tlv.encode(
            0x7C,
            dev.trustkeys.simulator.piv.Tlv.concat(
                new byte[] {(byte) 0x82, 0}, dev.trustkeys.simulator.piv.Tlv.encode(0x81, block)));
    byte[] out = card.transfer(0x87, 0x07, 0x9A, cmd, sw);
    assertEquals(0x9000, sw[0]);
    BigInteger sig = new BigInteger(1, Arrays.copyOfRange(out, 8, 264));
    assertEquals(BigInteger.valueOf(42), sig.modPow(BigInteger.valueOf(65537), n));
  }

  @Test
  void putData_chainedCertificate_roundTripsThroughGetDataWithResponseChaining() throws Exception {
    card.selectPiv();
    byte[] blob = new byte[1200];
    new java.util.Random(1).nextBytes(blob);
    byte[] content = CertObject.wrap(blob);
    byte[] put =
        dev.trustkeys.simulator.piv.Tlv.concat(
            HEX.parseHex("5C035FC105"), dev.trustkeys.simulator.piv.Tlv.encode(0x53, content));
    int[] sw = new int[1];
    card.transfer(0xDB, 0x3F, 0xFF, put, sw);
    assertEquals(0x6982, sw[0], "PUT DATA needs the management key");
    card.authenticate(CardDriver.DEFAULT_MGMT);
    card.transfer(0xDB, 0x3F, 0xFF, put, sw);
    assertEquals(0x9000, sw[0]);
    byte[] got = card.transfer(0xCB, 0x3F, 0xFF, HEX.parseHex("5C035FC105"), sw);
    assertEquals(0x9000, sw[0]);
    assertArrayEquals(dev.trustkeys.simulator.piv.Tlv.encode(0x53, content), got);
    assertEquals("6a82", card.send("00CB3FFF055C035FC10A"));
  }

  @Test
  void reset_isRefusedUnlessPinAndPukAreBlocked() throws Exception {
    card.selectPiv();
    card.authenticate(CardDriver.DEFAULT_MGMT);
    card.send("0047009A05AC03800111");
    assertEquals("6985", card.send("00FB000000"));
    for (int i = 0; i < 3; i++) {
      card.verify("000000");
    }
    assertEquals("6985", card.send("00FB000000"), "PUK still usable");
    for (int i = 0; i < 3; i++) {
      card.send("0024008110" + CardDriver.padded("00000000") + CardDriver.padded("00000000"));
    }
    assertEquals("9000", card.send("00FB000000"));
    assertEquals(0x9000, card.verify("123456"));
    assertEquals(null, card.card.state().key(Slot.AUTHENTICATION));
    assertNotNull(card.card.state().key(Slot.ATTESTATION), "attestation key survives reset");
  }

  @Test
  void attest_generatedKey_chainsToSimulatorRoot_withYubicoExtensions() throws Exception {
    card.selectPiv();
    card.authenticate(CardDriver.DEFAULT_MGMT);
    byte[] d = data(card.send("0047009C0BAC09800111AA0103AB0102"));
    int[] sw = new int[1];
    byte[] der = card.transfer(0xF9, 0x9C, 0x00, new byte[0], sw);
    assertEquals(0x9000, sw[0]);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    X509Certificate att = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    X509Certificate f9 =
        (X509Certificate)
            cf.generateCertificate(
                new ByteArrayInputStream(CertObject.unwrap(card.card.state().object(0x5FFF01))));
    att.verify(f9.getPublicKey());
    f9.verify(card.card.state().authority().rootCertificate().getPublicKey());
    assertEquals("CN=YubiKey PIV Attestation 9c", att.getSubjectX500Principal().getName());
    assertEquals(ecPublicKey(Arrays.copyOfRange(d, 5, 70)), att.getPublicKey());
    assertEquals(BigInteger.valueOf(5551234), Attestation.serialOf(att));
    assertEquals("040305", extension(att, "1.3.6.1.4.1.41482.3.3"));
    assertEquals("0302", extension(att, "1.3.6.1.4.1.41482.3.8"));
    assertEquals(
        null,
        att.getExtensionValue("1.3.6.1.4.1.41482.3.9"),
        "form factor is a YubiKey 5 extension");
  }

  @Test
  void attest_importedKey_isRefused_andEmptySlotReports6A88() throws Exception {
    card.selectPiv();
    card.authenticate(CardDriver.DEFAULT_MGMT);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    ECPrivateKey k = (ECPrivateKey) g.generateKeyPair().getPrivate();
    assertEquals("9000", card.send("00FE119C220620" + hex32(k.getS())));
    assertEquals("6a80", card.send("00F99C0000"));
    assertEquals("6a88", card.send("00F99D0000"));
  }

  @Test
  void setPinRetries_needsManagementKeyAndPin_andRestoresDefaults() throws Exception {
    card.selectPiv();
    card.send("0024008010" + CardDriver.padded("123456") + CardDriver.padded("999999"));
    card.authenticate(CardDriver.DEFAULT_MGMT);
    assertEquals("6982", card.send("00FA050400"));
    card.verify("999999");
    assertEquals("9000", card.send("00FA050400"));
    assertEquals(5, card.card.state().pinTries());
    assertEquals(4, card.card.state().pukTries());
    assertEquals(0x9000, card.verify("123456"));
  }

  @Test
  void setManagementKey_replacesTheKey() throws Exception {
    card.selectPiv();
    card.authenticate(CardDriver.DEFAULT_MGMT);
    byte[] nk = HEX.parseHex("111213141516171821222324252627283132333435363738");
    assertEquals("9000", card.send("00FFFFFF1B039B18" + HEX.formatHex(nk)));
    card.selectPiv();
    assertEquals(0x6982, card.authenticate(CardDriver.DEFAULT_MGMT));
    assertEquals(0x9000, card.authenticate(nk));
  }

  @Test
  void touchNever_failsSignatureWith6982AfterTheTimeout() throws Exception {
    CardDriver c = CardDriver.fresh(1, TouchMode.NEVER, Duration.ofMillis(200));
    c.selectPiv();
    c.authenticate(CardDriver.DEFAULT_MGMT);
    c.send("0047009A08AC06800111AB0102");
    c.verify("123456");
    long t0 = System.nanoTime();
    assertEquals("6982", c.send("0087119A267C24820081 20".replace(" ", "") + "00".repeat(32)));
    assertTrue(System.nanoTime() - t0 >= 190_000_000L, "waited for the touch timeout");
    assertEquals(1, c.card.touch().timeouts());
    c.card.touch().setMode(TouchMode.delay(50));
    assertEquals(0x9000, sw(c.send("0087119A267C24820081 20".replace(" ", "") + "00".repeat(32))));
  }

  @Test
  void touchCached_asksOnceForTwoSignatures_touchAlways_asksEachTime() throws Exception {
    card.selectPiv();
    card.authenticate(CardDriver.DEFAULT_MGMT);
    card.send("0047009A08AC06800111AB0103");
    card.send("0047009D08AC06800111AB0102");
    card.verify("123456");
    String sign = "00871190267C24820081 20".replace(" ", "") + "00".repeat(32);
    assertEquals(0x9000, sw(card.send(sign.replace("871190", "87119A"))));
    assertEquals(0x9000, sw(card.send(sign.replace("871190", "87119A"))));
    assertEquals(1, card.card.touch().requests(), "cached");
    assertEquals(0x9000, sw(card.send(sign.replace("871190", "87119D"))));
    assertEquals(0x9000, sw(card.send(sign.replace("871190", "87119D"))));
    assertEquals(3, card.card.touch().requests(), "always");
  }

  @Test
  void trace_countsInstructions_andRedactsPinsAndKeys() throws Exception {
    card.selectPiv();
    card.verify("123456");
    card.authenticate(CardDriver.DEFAULT_MGMT);
    card.send("00FFFFFF1B039B18" + HEX.formatHex(CardDriver.DEFAULT_MGMT));
    ApduTrace t = card.card.trace();
    assertEquals(1, t.count("VERIFY"));
    assertEquals(2, t.count("AUTHENTICATE_MGMT"));
    assertEquals(5, t.apduCount());
    for (ApduTrace.Entry e : t.entries()) {
      assertFalse(e.command().contains("313233343536"), e.toJson());
      assertFalse(e.command().contains("0102030405060708"), e.toJson());
    }
    assertEquals("0020008008****************", t.entries().get(1).command());
  }

  private static String extension(X509Certificate c, String oid) {
    return HEX.formatHex(
        org.bouncycastle.asn1.ASN1OctetString.getInstance(c.getExtensionValue(oid)).getOctets());
  }

  private static String hex32(BigInteger v) {
    String h = v.toString(16);
    return "0".repeat(64 - h.length()) + h;
  }

  static PublicKey ecPublicKey(byte[] point) throws Exception {
    byte[] prefix = HEX.parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
    byte[] spki = new byte[prefix.length + point.length];
    System.arraycopy(prefix, 0, spki, 0, prefix.length);
    System.arraycopy(point, 0, spki, prefix.length, point.length);
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
  }
}
