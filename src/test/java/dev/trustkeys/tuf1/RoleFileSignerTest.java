package dev.trustkeys.tuf1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.testing.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keyholder with keys takes part in a tuf-on-ci signing event: one signature added, nothing else
 * changed.
 */
class RoleFileSignerTest {
  @TempDir Path tmp;
  private final MemoryBackend backend = new MemoryBackend("keyholder");

  /**
   * A tuf-on-ci working tree in the middle of a signing event, as tuf-on-ci-delegate leaves it:
   * root v2 of the tuf-on-ci fixture with a new root signer "@keys" (and its "" placeholder), in
   * metadata/root.json and metadata/root_history/2.root.json, written as python-tuf's
   * JSONSerializer writes.
   */
  private Path stagedRootRotation(PublicKey newSigner) throws Exception {
    Path repo = tmp.resolve("tuf-on-ci");
    Path meta = repo.resolve("metadata");
    Files.createDirectories(meta.resolve("root_history"));
    byte[] v1 = Files.readAllBytes(Tuf1Fixtures.TUF_ON_CI.resolve("metadata/1.root.json"));
    Files.write(meta.resolve("root_history/1.root.json"), v1);
    Metadata md = Metadata.parse(v1);
    Tuf1Key k = Tuf1Key.of(newSigner, Map.of("x-tuf-on-ci-keyowner", "@keys"));
    Fields.map(md.signed(), "keys", "root").put(k.id(), new java.util.LinkedHashMap<>(k.json()));
    Fields.list(
            Fields.map(Fields.map(md.signed(), "roles", "root"), "root", "roles"), "keyids", "root")
        .add(k.id());
    md.version(2);
    md.putSignatureText(k.id(), "");
    byte[] staged = md.toBytes();
    Files.write(meta.resolve("root.json"), staged);
    Files.write(meta.resolve("root_history/2.root.json"), staged);
    return repo;
  }

  @Test
  void signRoot_ofATufOnCiSigningEvent_changesOnlyThePlaceholder() throws Exception {
    PublicKey mine;
    try (Signer s =
        backend.signer(backend.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256)).id())) {
      mine = s.publicKey();
    }
    Path repo = stagedRootRotation(mine);
    String before = Files.readString(repo.resolve("metadata/root.json"));
    RoleFileSigner.Result r =
        RoleFileSigner.sign(
            repo,
            "root",
            null,
            new BackendKeySource(Keyring.single(backend, NotaryKeyNaming.INSTANCE)));
    assertEquals(1, r.signedBy().size());
    String after = Files.readString(repo.resolve("metadata/root.json"));
    Metadata signed = Metadata.parse(after.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String sig =
        signed.signatures().stream()
            .filter(s -> s.keyId().equals(r.signedBy().get(0)))
            .findFirst()
            .orElseThrow()
            .sig();
    assertTrue(sig.startsWith("30"), sig);
    assertEquals(before, after.replace(sig, ""));
    assertArrayEquals(
        Files.readAllBytes(repo.resolve("metadata/root.json")),
        Files.readAllBytes(repo.resolve("metadata/root_history/2.root.json")));
    assertArrayEquals(
        Files.readAllBytes(Tuf1Fixtures.TUF_ON_CI.resolve("metadata/1.root.json")),
        Files.readAllBytes(repo.resolve("metadata/root_history/1.root.json")));
    Root root = Root.of(signed);
    SignatureCheck check = SignatureCheck.of(signed, root.keys(), root.role("root"));
    assertEquals(r.signedBy(), check.signed());

    RoleFileSigner.Result again =
        RoleFileSigner.sign(
            repo,
            "root",
            null,
            new BackendKeySource(Keyring.single(backend, NotaryKeyNaming.INSTANCE)));
    assertEquals(List.of(), again.written());
    assertEquals(after, Files.readString(repo.resolve("metadata/root.json")));
  }

  @Test
  void signRoot_withNoKeyOfTheRoleHere_namesItsKeysAndOwners() throws Exception {
    PublicKey elsewhere;
    MemoryBackend other = new MemoryBackend("other");
    try (Signer s =
        other.signer(other.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256)).id())) {
      elsewhere = s.publicKey();
    }
    Path repo = stagedRootRotation(elsewhere);
    byte[] before = Files.readAllBytes(repo.resolve("metadata/root.json"));
    KeysException e =
        assertThrows(
            KeysException.class,
            () ->
                RoleFileSigner.sign(
                    repo,
                    "root",
                    null,
                    new BackendKeySource(Keyring.single(backend, NotaryKeyNaming.INSTANCE))));
    assertEquals(ExitCode.NOT_FOUND, e.exitCode());
    assertTrue(e.getMessage().contains("aa61e09 @jku"), e.getMessage());
    assertTrue(e.getMessage().contains("@keys"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(repo.resolve("metadata/root.json")));
  }
}
