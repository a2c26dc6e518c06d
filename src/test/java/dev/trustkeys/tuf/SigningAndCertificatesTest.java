package dev.trustkeys.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.testing.MemoryBackend;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

class SigningAndCertificatesTest {
  static final String GUN = "example.com/demo/app";
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  final MemoryBackend backend = new MemoryBackend("t");

  Signer key(Role role, Algorithm alg) throws Exception {
    return backend.signer(
        backend.generate(new KeySpec(role, role.belongsToGun() ? GUN : "", alg)).id());
  }

  @Test
  void rootCertificate_isNotarysTemplate() throws Exception {
    Signer root = key(Role.ROOT, Algorithm.ECDSA_P256);
    X509Certificate c = RootCertificates.create(root, GUN, NOW);
    assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
    X500Name subject = X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
    assertEquals(1, subject.getRDNs().length);
    ASN1Primitive cn = subject.getRDNs(BCStyle.CN)[0].getFirst().getValue().toASN1Primitive();
    assertTrue(cn instanceof DERPrintableString, "CN is a PrintableString as Go writes it");
    assertEquals(GUN, RootCertificates.commonName(c));
    assertEquals(NOW, c.getNotBefore().toInstant());
    assertEquals(NOW.plus(Duration.ofDays(3650)), c.getNotAfter().toInstant());
    assertTrue(c.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.15", "2.5.29.19")));
    assertEquals(List.of("1.3.6.1.5.5.7.3.3"), c.getExtendedKeyUsage());
    assertEquals(-1, c.getBasicConstraints());
    boolean[] ku = c.getKeyUsage();
    assertTrue(ku[0] && ku[2] && !ku[1] && !ku[5]);
    assertEquals(null, c.getExtensionValue("2.5.29.14"));
    assertEquals(null, c.getExtensionValue("2.5.29.35"));
    assertEquals("SHA256withECDSA", c.getSigAlgName());
    c.verify(root.publicKey());
    assertTrue(c.getSerialNumber().bitLength() > 64);
    TufKey k = TufKey.forCertificate(c);
    assertEquals("ecdsa-x509", k.keyType());
    assertEquals(root.key().id(), k.canonicalId());
    assertFalse(k.id().equals(k.canonicalId()), "x509 ID differs from the canonical ID");
    assertTrue(new String(k.publicValue()).startsWith("-----BEGIN CERTIFICATE-----\n"));
  }

  @Test
  void rsaRootCertificate_isSignedWithPss() throws Exception {
    Signer root = key(Role.ROOT, Algorithm.RSA_2048);
    X509Certificate c = RootCertificates.create(root, GUN, NOW);
    c.verify(root.publicKey());
    assertEquals("rsa-x509", TufKey.forCertificate(c).keyType());
  }

  @Test
  void signAndVerify_allThreeMethods() throws Exception {
    Map<String, Object> body = Targets.empty(NOW).toJson();
    for (Algorithm a : List.of(Algorithm.ECDSA_P256, Algorithm.RSA_2048, Algorithm.ED25519)) {
      Signer s = key(Role.TARGETS, a);
      TufKey k = TufKey.forPublicKey(s.publicKey());
      Signed doc = MetadataSigning.sign(body, List.of(new KeyedSigner(k.id().hex(), s)));
      String method = doc.signatures().get(0).method();
      assertEquals(
          a == Algorithm.ECDSA_P256 ? "ecdsa" : a == Algorithm.ED25519 ? "eddsa" : "rsapss",
          method);
      if (a == Algorithm.ECDSA_P256) {
        assertEquals(64, doc.signatures().get(0).sig().length, "raw r||s");
      }
      RoleKeys role = new RoleKeys(List.of(k.id().hex()), 1);
      assertEquals(
          List.of(k.id().hex()),
          MetadataSigning.requireThreshold("targets", doc, Map.of(k.id().hex(), k), role));
      Signed reparsed = Signed.parse(doc.toBytes());
      assertEquals(1, MetadataSigning.validSigners(reparsed, Map.of(k.id().hex(), k)).size());
    }
  }

  @Test
  void tamperedOrUnderSignedMetadata_failsTheThreshold() throws Exception {
    List<KeyedSigner> signers = new ArrayList<>();
    Map<String, TufKey> keys = new java.util.HashMap<>();
    for (int i = 0; i < 3; i++) {
      Signer s = key(Role.TARGETS, Algorithm.ECDSA_P256);
      TufKey k = TufKey.forPublicKey(s.publicKey());
      keys.put(k.id().hex(), k);
      signers.add(new KeyedSigner(k.id().hex(), s));
    }
    RoleKeys role = new RoleKeys(new ArrayList<>(keys.keySet()), 2);
    Signed one = MetadataSigning.sign(Targets.empty(NOW).toJson(), signers.subList(0, 1));
    ThresholdNotMetException e =
        assertThrows(
            ThresholdNotMetException.class,
            () -> MetadataSigning.requireThreshold("targets", one, keys, role));
    assertEquals(2, e.required());
    assertEquals(1, e.valid());
    assertEquals(List.of(signers.get(0).metadataKeyId()), e.validKeyIds());
    Signed two = MetadataSigning.sign(Targets.empty(NOW).toJson(), signers.subList(0, 2));
    assertEquals(2, MetadataSigning.requireThreshold("targets", two, keys, role).size());
    Signed tampered = new Signed(Targets.empty(NOW.plusSeconds(1)).toJson(), two.signatures());
    assertThrows(
        ThresholdNotMetException.class,
        () -> MetadataSigning.requireThreshold("targets", tampered, keys, role));
  }

  @Test
  void rootChain_requiresOldAndNewThresholds() throws Exception {
    Signer k1 = key(Role.ROOT, Algorithm.ECDSA_P256);
    Signer k2 = key(Role.ROOT, Algorithm.ECDSA_P256);
    TufKey c1 = TufKey.forCertificate(RootCertificates.create(k1, GUN, NOW));
    TufKey c2 = TufKey.forCertificate(RootCertificates.create(k2, GUN, NOW));
    Signer t = key(Role.TARGETS, Algorithm.ECDSA_P256);
    TufKey tk = TufKey.forPublicKey(t.publicKey());
    Map<String, RoleKeys> roles1 =
        Map.of(
            "root",
            new RoleKeys(List.of(c1.id().hex()), 1),
            "targets",
            new RoleKeys(List.of(tk.id().hex()), 1));
    Root v1 =
        new Root(
            1, NOW.plus(Expiry.ROOT), false, Map.of(c1.id().hex(), c1, tk.id().hex(), tk), roles1);
    Map<String, RoleKeys> roles2 =
        Map.of(
            "root",
            new RoleKeys(List.of(c2.id().hex()), 1),
            "targets",
            new RoleKeys(List.of(tk.id().hex()), 1));
    Root v2 =
        new Root(
            2,
            NOW.plus(Expiry.ROOT),
            false,
            Map.of(c1.id().hex(), c1, c2.id().hex(), c2, tk.id().hex(), tk),
            roles2);
    byte[] f1 =
        MetadataSigning.sign(v1.toJson(), List.of(new KeyedSigner(c1.id().hex(), k1))).toBytes();
    byte[] f2both =
        MetadataSigning.sign(
                v2.toJson(),
                List.of(new KeyedSigner(c1.id().hex(), k1), new KeyedSigner(c2.id().hex(), k2)))
            .toBytes();
    byte[] f2new =
        MetadataSigning.sign(v2.toJson(), List.of(new KeyedSigner(c2.id().hex(), k2))).toBytes();
    RootChain chain = new RootChain(Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
    RootChainReport good = chain.verify(GUN, List.of(f1, f2both));
    assertTrue(good.ok(), good.toText());
    assertEquals(2, good.newestVersion());
    RootChainReport bad = chain.verify(GUN, List.of(f1, f2new));
    assertFalse(bad.ok());
    assertEquals(0, bad.steps().get(1).validPreviousSignatures().size());
    assertTrue(bad.toText().contains("refuses it"), bad.toText());
    RootChainReport skipped = chain.verify(GUN, List.of(f2both));
    assertFalse(skipped.ok(), "version 2 presented as the first one");
    assertEquals(Boolean.TRUE, good.toJson().get("ok"));
    assertEquals(Boolean.FALSE, bad.toJson().get("ok"));
    assertEquals(Boolean.FALSE, skipped.toJson().get("ok"));
  }
}
