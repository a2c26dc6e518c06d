package dev.trustkeys.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.testing.MemoryBackend;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A threshold counts distinct public keys: the key inside a certificate, not the certificate. One
 * root key under two certificates (two metadata key IDs) signs twice but counts once.
 */
class ThresholdCountingTest {
  static final String GUN = "example.com/count/app";
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  final MemoryBackend backend = new MemoryBackend("count");

  Signer rootKey() throws Exception {
    return backend.signer(backend.generate(new KeySpec(Role.ROOT, "", Algorithm.ECDSA_P256)).id());
  }

  /**
   * Root version 1 whose root role lists {@code rootKeys} with {@code threshold}, signed by {@code
   * signers}.
   */
  static Signed root(List<TufKey> rootKeys, int threshold, List<KeyedSigner> signers, TufKey other)
      throws Exception {
    Map<String, TufKey> keys = new java.util.LinkedHashMap<>();
    rootKeys.forEach(k -> keys.put(k.id().hex(), k));
    keys.put(other.id().hex(), other);
    RoleKeys single = new RoleKeys(List.of(other.id().hex()), 1);
    Root r =
        new Root(
            1,
            NOW.plus(Expiry.ROOT),
            false,
            keys,
            Map.of(
                "root",
                new RoleKeys(rootKeys.stream().map(k -> k.id().hex()).toList(), threshold),
                "targets",
                single,
                "snapshot",
                single,
                "timestamp",
                single));
    return MetadataSigning.sign(r.toJson(), signers);
  }

  @Test
  void oneKeyUnderTwoCertificates_signingTwice_countsOnce() throws Exception {
    Signer alice = rootKey();
    TufKey first = TufKey.forCertificate(RootCertificates.create(alice, GUN, NOW));
    TufKey second = TufKey.forCertificate(RootCertificates.create(alice, GUN, NOW.plusSeconds(1)));
    assertNotEquals(first.id(), second.id());
    assertEquals(first.canonicalId(), second.canonicalId());
    TufKey targets = TufKey.forPublicKey(rootKey().publicKey());
    Signed doc =
        root(
            List.of(first, second),
            2,
            List.of(
                new KeyedSigner(first.id().hex(), alice),
                new KeyedSigner(second.id().hex(), alice)),
            targets);
    Root r = Root.fromJson(doc.signed());

    assertEquals(List.of(first.id().hex()), MetadataSigning.validSigners(doc, r.keysOf("root")));
    ThresholdNotMetException e =
        assertThrows(
            ThresholdNotMetException.class,
            () -> MetadataSigning.requireThreshold("root", doc, r.keys(), r.role("root")));
    assertEquals(2, e.required());
    assertEquals(1, e.valid());

    RootChainReport report =
        new RootChain(Clock.fixed(NOW, ZoneOffset.UTC)).verify(GUN, List.of(doc.toBytes()));
    assertFalse(report.ok(), report.toText());
    assertTrue(
        report.toText().contains("signed by 1 of its own root keys, threshold 2"), report.toText());
  }

  @Test
  void twoDistinctKeys_meetThresholdTwo() throws Exception {
    Signer alice = rootKey();
    Signer bob = rootKey();
    TufKey a = TufKey.forCertificate(RootCertificates.create(alice, GUN, NOW));
    TufKey b = TufKey.forCertificate(RootCertificates.create(bob, GUN, NOW));
    Signed doc =
        root(
            List.of(a, b),
            2,
            List.of(new KeyedSigner(a.id().hex(), alice), new KeyedSigner(b.id().hex(), bob)),
            TufKey.forPublicKey(rootKey().publicKey()));
    Root r = Root.fromJson(doc.signed());
    assertEquals(2, MetadataSigning.requireThreshold("root", doc, r.keys(), r.role("root")).size());
    assertTrue(
        new RootChain(Clock.fixed(NOW, ZoneOffset.UTC)).verify(GUN, List.of(doc.toBytes())).ok());
  }
}
