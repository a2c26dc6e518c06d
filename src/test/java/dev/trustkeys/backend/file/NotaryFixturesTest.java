package dev.trustkeys.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.Role;
import dev.trustkeys.testing.FixedSecrets;
import dev.trustkeys.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust directories written by Notary 0.1 and 0.3. Expected listings are what {@code notary -d
 * DIR key list} (Debian's notary 0.7) printed for copies of them; NotaryInteropIT checks the same
 * against the live binary.
 */
class NotaryFixturesTest {
  @TempDir Path tmp;

  private static String rows(KeyListing l) {
    return l.keys().stream()
        .map(k -> k.role() + " " + k.gun() + " " + k.id())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void list_notary01_showsWhatNotaryShows() {
    KeyFileStore store =
        new KeyFileStore(
            new TrustDirectory(Fixtures.copy("notary0.1", tmp)), FixedSecrets.none(), 2048);
    KeyListing l = store.list();
    assertEquals(
        String.join(
            "\n",
            "root  d0c623c8e70c70d42a8a8125c44a8598588b3f6e31d5c21a83cbc338dfde8a68",
            "snapshot docker.com/notary0.1/samplerepo a55ccf652b0be4b6c4d356cbb02d9ea432bb84a2571665be3df7c7396af8e8b8",
            "targets docker.com/notary0.1/samplerepo 7fc757801b9bab4ec9e35bfe7a6b61668ff6f4c81b5632af19e6c728ab799599"),
        rows(l));
    assertTrue(l.unreadable().isEmpty(), () -> l.unreadable().toString());
  }

  @Test
  void list_notary03_showsWhatNotaryShows() {
    KeyFileStore store =
        new KeyFileStore(
            new TrustDirectory(Fixtures.copy("notary0.3", tmp)), FixedSecrets.none(), 2048);
    KeyListing l = store.list();
    assertEquals(
        String.join(
            "\n",
            "root  f4eaf871a74aa3b3a0ff95cef2455a1e4d461639f5625418e76756fc5c948690",
            "targets/releases  fa842f66cac2dc898677a8660789dcff0e3b0b93b73f8952491f6493199936d3",
            "snapshot docker.com/notary0.3/tst 85559599cf3cf681ff193f432a7ca6d128182bd1cfa8ede2c70761deac8bc2dc",
            "targets docker.com/notary0.3/tst 041b64dab281324ef2b62fd2d04f4758269e120ff063b7bc78709272821a0a02"),
        rows(l));
  }

  @Test
  void aKeysOwnFileThatIsNoKey_fallsBackToTheOldLayoutsCopy_andIsListedAsUnreadable()
      throws Exception {
    Path dir = Fixtures.copy("notary0.3", tmp);
    KeyFileStore store =
        new KeyFileStore(
            new TrustDirectory(dir), new FixedSecrets(Fixtures.passphrase("notary0.3")), 2048);
    KeyId root = KeyId.of("f4eaf871a74aa3b3a0ff95cef2455a1e4d461639f5625418e76756fc5c948690");
    Path own = dir.resolve("private/" + root.hex() + ".key");
    Files.writeString(own, "not a key\n");
    assertEquals(Role.ROOT, store.lookup(root).orElseThrow().role());
    try (KeyMaterial m = store.unlock(root)) {
      assertEquals(root, NotaryKeyNaming.INSTANCE.idOf(m.publicKey()));
    }
    assertEquals(
        List.of(own.toString()),
        store.list().unreadable().stream().map(KeyListing.Unreadable::location).toList());
  }

  @Test
  void everyFixtureKey_decryptsWithItsPassphrase_andHasTheIdOfItsFileName() throws Exception {
    for (String name : List.of("notary0.1", "notary0.3")) {
      KeyFileStore store =
          new KeyFileStore(
              new TrustDirectory(Fixtures.copy(name, tmp)),
              new FixedSecrets(Fixtures.passphrase(name)),
              2048);
      List<KeyInfo> keys = store.list().keys();
      assertFalse(keys.isEmpty());
      for (KeyInfo k : keys) {
        try (KeyMaterial m = store.unlock(k.id())) {
          assertEquals(k.id(), NotaryKeyNaming.INSTANCE.idOf(m.publicKey()), name + " " + k);
          assertEquals(k.algorithm(), m.algorithm(), name + " " + k);
        }
      }
    }
  }

  @Test
  void listing_neverMigratesOrDeletesTheOldLayout() throws Exception {
    Path dir = Fixtures.copy("notary0.3", tmp);
    List<Path> before = files(dir);
    new KeyFileStore(new TrustDirectory(dir), FixedSecrets.none(), 2048).list();
    assertEquals(before, files(dir));
  }

  @Test
  void aWrite_migratesTheOldLayoutToFlatFiles_andKeepsTheOldFiles() throws Exception {
    Path dir = Fixtures.copy("notary0.3", tmp);
    List<Path> before = files(dir);
    KeyFileStore store =
        new KeyFileStore(
            new TrustDirectory(dir), new FixedSecrets(Fixtures.passphrase("notary0.3")), 2048);
    assertEquals(4, store.migrateLegacy());
    List<Path> after = files(dir);
    assertTrue(after.containsAll(before), "old files kept");
    for (KeyInfo k : store.list().keys()) {
      Path flat = dir.resolve("private").resolve(k.id().hex() + ".key");
      assertTrue(Files.exists(flat), flat.toString());
      PemBlock b = KeyFileScanner.readKeyBlock(flat);
      assertEquals(k.role().name(), b.header("role"));
      assertEquals(k.gun().isEmpty() ? null : k.gun(), b.header("gun"));
      try (KeyMaterial m = store.unlock(k.id())) {
        assertEquals(k.id(), m.id());
      }
    }
    assertEquals(0, store.migrateLegacy(), "a second migration has nothing to do");
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }
}
