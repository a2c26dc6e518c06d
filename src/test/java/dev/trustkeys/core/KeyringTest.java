package dev.trustkeys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.testing.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The keyring: which back ends are searched in which order, how keys are named, and where new keys
 * go.
 */
class KeyringTest {
  /** A kind of back end with fixed back ends; counts discoveries. */
  private static final class Kind implements BackendProvider {
    final String scheme;
    final Custody custody;
    final List<KeyBackend> present;
    int discoveries;

    Kind(String scheme, Custody custody, KeyBackend... present) {
      this.scheme = scheme;
      this.custody = custody;
      this.present = List.of(present);
    }

    @Override
    public String scheme() {
      return scheme;
    }

    @Override
    public Custody custody() {
      return custody;
    }

    @Override
    public List<KeyBackend> discover() {
      discoveries++;
      return present;
    }

    /** {@code scheme:N} names the N-th back end; {@code scheme:N/ID} a key on it. */
    @Override
    public Address address(String uri) throws KeysException {
      String body = uri.substring(scheme.length() + 1);
      int slash = body.indexOf('/');
      KeyBackend b = present.get(Integer.parseInt(slash < 0 ? body : body.substring(0, slash)));
      if (slash < 0) {
        return new Address(b, Optional.empty());
      }
      return new Address(b, b.lookup(KeyId.of(body.substring(slash + 1))));
    }
  }

  private static Keyring keyring(BackendProvider... kinds) {
    return new Keyring(List.of(kinds), NotaryKeyNaming.INSTANCE, KeyAliases.none());
  }

  private static final KeySpec ROOT = new KeySpec(Role.ROOT, "", Algorithm.ECDSA_P256);

  @Test
  void backends_areSearchedStrongestCustodyFirst_whateverOrderTheProvidersCome() throws Exception {
    MemoryBackend files = new MemoryBackend("files");
    MemoryBackend token = new MemoryBackend("token");
    MemoryBackend yubikey = new MemoryBackend("yubikey");
    Keyring k =
        keyring(
            new Kind("file", Custody.FILE, files),
            new Kind("pkcs11", Custody.TOKEN, token),
            new Kind("yubikey", Custody.PERSONAL_DEVICE, yubikey));
    assertEquals(List.of(yubikey, token, files), k.backends());
    assertEquals("memory yubikey, memory token, memory files", k.describeAll());
  }

  @Test
  void aKeyHeldTwice_isUsedWhereItIsBestKept_byIdPrefixAndFullId() throws Exception {
    MemoryBackend files = new MemoryBackend("files");
    MemoryBackend device = new MemoryBackend("device");
    KeyInfo made = device.generate(ROOT);
    java.security.KeyPair pair = keyPairOf(device, made);
    files.add(pair, ROOT);
    Keyring k =
        keyring(
            new Kind("file", Custody.FILE, files),
            new Kind("yubikey", Custody.PERSONAL_DEVICE, device));
    assertSame(device, k.locate(made.id().hex().substring(0, 7)).backend());
    assertSame(device, k.locateToUse(made.id().hex()).backend());
    assertSame(device, k.find(made.id()).orElseThrow().backend());
    assertSame(device, k.lookup(made.id()).orElseThrow().backend());
    assertEquals(2, k.list().keys().size());
  }

  @Test
  void backends_areDiscoveredOnce_perKeyring() throws Exception {
    MemoryBackend files = new MemoryBackend("files");
    Kind kind = new Kind("file", Custody.FILE, files);
    Keyring k = keyring(kind);
    KeyInfo a = files.generate(ROOT);
    k.list();
    k.locate(a.id().hex());
    k.find(a.id());
    k.rootHome();
    assertEquals(1, kind.discoveries);
  }

  @Test
  void aUri_goesToTheProviderOfItsScheme_andNamesTheBackEndOrAKey() throws Exception {
    MemoryBackend files = new MemoryBackend("files");
    MemoryBackend t0 = new MemoryBackend("t0");
    MemoryBackend t1 = new MemoryBackend("t1");
    KeyInfo onT1 = t1.generate(ROOT);
    Keyring k =
        keyring(new Kind("file", Custody.FILE, files), new Kind("tok", Custody.TOKEN, t0, t1));
    assertSame(t1, k.backend("tok:1"));
    Keyring.Located l = k.locate("TOK:1/" + onT1.id().hex());
    assertSame(t1, l.backend());
    assertEquals(onT1.id(), l.key().id());
    UsageException notAKey = assertThrows(UsageException.class, () -> k.locate("tok:0"));
    assertEquals("'tok:0' names memory t0, not a key in it", notAKey.getMessage());
    UsageException noScheme = assertThrows(UsageException.class, () -> k.backend("other:1"));
    assertEquals("'other:1' is not a URI of a back end (tok:, file:)", noScheme.getMessage());
  }

  @Test
  void anAlias_namesAKey_whenNoKeyIdMatches() throws Exception {
    MemoryBackend files = new MemoryBackend("files");
    KeyInfo root = files.generate(ROOT);
    List<String> asked = new ArrayList<>();
    Keyring k =
        new Keyring(
            List.of(new Kind("file", Custody.FILE, files)),
            NotaryKeyNaming.INSTANCE,
            prefix -> {
              asked.add(prefix);
              return prefix.equals("abcdef0") ? Optional.of(root.id()) : Optional.empty();
            });
    assertEquals(root.id(), k.locate("ABCDEF0").key().id());
    KeyNotFoundException none = assertThrows(KeyNotFoundException.class, () -> k.locate("1234567"));
    assertTrue(none.getMessage().contains("1234567"), none.getMessage());
    assertThrows(UsageException.class, () -> k.locate("12345"));
    assertEquals(
        List.of("abcdef0", "1234567"), asked, "a prefix shorter than 7 characters is no alias");
  }

  @Test
  void anUnreadableEntry_thatTheQueryNames_isReportedAsUnusable() throws Exception {
    KeyBackend broken = unreadable("/trust/private/0123456789abcdef.key", "truncated");
    Keyring k = keyring(new Kind("file", Custody.FILE, broken));
    UnusableKeyException e = assertThrows(UnusableKeyException.class, () -> k.locate("0123456789"));
    assertEquals("/trust/private/0123456789abcdef.key", e.location());
    assertEquals("truncated", e.reason());
    assertEquals(Remedy.Kind.RESTORE_OR_MOVE_KEY_FILE, e.remedy().orElseThrow().kind());
    assertEquals(ExitCode.FAILURE, e.exitCode());
  }

  @Test
  void aNewRootKey_goesToAPersonalDevice_thenAToken_thenTheFiles() throws Exception {
    MemoryBackend files = new MemoryBackend("files");
    MemoryBackend token = new MemoryBackend("token");
    MemoryBackend yubikey = new MemoryBackend("yubikey");
    assertSame(
        yubikey,
        keyring(
                new Kind("file", Custody.FILE, files),
                new Kind("pkcs11", Custody.TOKEN, token),
                new Kind("yubikey", Custody.PERSONAL_DEVICE, yubikey))
            .rootHome());
    assertSame(
        token,
        keyring(
                new Kind("file", Custody.FILE, files),
                new Kind("pkcs11", Custody.TOKEN, token),
                new Kind("yubikey", Custody.PERSONAL_DEVICE))
            .rootHome());
    Keyring filesOnly =
        keyring(
            new Kind("file", Custody.FILE, files),
            new Kind("pkcs11", Custody.TOKEN),
            new Kind("yubikey", Custody.PERSONAL_DEVICE));
    assertSame(files, filesOnly.rootHome());
    Keyring.Located made = filesOnly.create(Role.ROOT, "");
    assertSame(files, made.backend());
    assertEquals(made.key(), files.list().keys().get(0));
  }

  @Test
  void severalBackEndsOfAKind_areNotChosenByChance_byDefault() throws Exception {
    MemoryBackend files = new MemoryBackend("files");
    Keyring k =
        keyring(
            new Kind("file", Custody.FILE, files),
            new Kind("pkcs11", Custody.TOKEN, new MemoryBackend("a"), new MemoryBackend("b")));
    assertSame(
        files,
        k.rootHome(),
        "two tokens and no choice: the default provider passes to the next kind");
  }

  @Test
  void otherNewKeys_goToTheFiles_asNotaryDoes() throws Exception {
    MemoryBackend files = new MemoryBackend("files");
    MemoryBackend yubikey = new MemoryBackend("yubikey");
    Keyring k =
        keyring(
            new Kind("yubikey", Custody.PERSONAL_DEVICE, yubikey),
            new Kind("file", Custody.FILE, files));
    assertSame(files, k.create(Role.TARGETS, "example.com/app").backend());
    assertSame(yubikey, k.create(Role.ROOT, "").backend());
    assertEquals("example.com/app", files.list().keys().get(0).gun());
  }

  @Test
  void findOrCreateRootKey_refusesAKeyOfAnotherRole_andSaysWhereItLooked() throws Exception {
    MemoryBackend files = new MemoryBackend("files");
    KeyInfo targets = files.generate(KeySpec.of(Role.TARGETS, "g", Algorithm.ECDSA_P256));
    Keyring k = keyring(new Kind("file", Custody.FILE, files));
    UsageException wrongRole =
        assertThrows(UsageException.class, () -> k.findOrCreateRootKey(Optional.of(targets.id())));
    assertTrue(
        wrongRole.getMessage().endsWith("is a targets key, not a root key"),
        wrongRole.getMessage());
    KeyId other = dev.trustkeys.testing.TestIds.of("nobody");
    KeyNotFoundException missing =
        assertThrows(KeyNotFoundException.class, () -> k.findOrCreateRootKey(Optional.of(other)));
    assertTrue(
        missing.getMessage().contains("no root key with that ID in memory files"),
        missing.getMessage());
    Keyring.Located made = k.findOrCreateRootKey(Optional.empty());
    assertEquals(
        made.key().id(),
        k.findOrCreateRootKey(Optional.empty()).key().id(),
        "the first root key is reused");
  }

  @Test
  void absentBackEnds_areListed_notDropped() throws Exception {
    KeyBackend gone = unreadable(null, null);
    Keyring k = keyring(new Kind("pkcs11", Custody.TOKEN, gone));
    assertEquals(
        List.of(new KeyListing.Absent("pkcs11:token=gone", "not inserted")), k.list().absent());
    KeyNotFoundException e = assertThrows(KeyNotFoundException.class, () -> k.locate("abcdef0123"));
    assertEquals(
        "no key matches abcdef0123: it may be on pkcs11:token=gone, which is not there now (not inserted)",
        e.getMessage());
    assertEquals(ExitCode.NOT_FOUND, e.exitCode());
  }

  private static java.security.KeyPair keyPairOf(MemoryBackend b, KeyInfo k) {
    return b.keyPair(k.id());
  }

  /** A back end whose listing is one unreadable entry, or (with nulls) absent. */
  private static KeyBackend unreadable(String location, String reason) {
    return new KeyBackend() {
      @Override
      public String describe() {
        return "broken";
      }

      @Override
      public KeyListing list() {
        return location == null
            ? KeyListing.absent("pkcs11:token=gone", "not inserted")
            : new KeyListing(List.of(), List.of(new KeyListing.Unreadable(location, reason)));
      }

      @Override
      public KeyInfo generate(KeySpec spec) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Signer signer(KeyId id) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void remove(KeyId id) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
