package dev.trustkeys.backend.file;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.KeyLocation;
import dev.trustkeys.core.KeyNotFoundException;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.WrongSecretException;
import dev.trustkeys.core.io.AtomicWrite.Checkpoint;
import dev.trustkeys.core.secret.EnvironmentSecrets;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.SecretRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Keys as passphrase-encrypted files in a trust directory, interchangeable with Docker's and
 * Notary's {@code private/} directory. Every write is atomic and done under the trust directory's
 * writers' lock; a write that depends on what was read (a new passphrase for the key as it was)
 * checks under the lock that the file is still what was read ({@link #update}), and otherwise fails
 * with a {@link KeyChangedException}.
 */
public final class KeyFileStore implements KeyBackend {
  private static final int MAX_PROMPT_ATTEMPTS = 3;

  private final TrustDirectory dir;
  private final SecretProvider secrets;
  private final int iterations;
  private final Checkpoint checkpoint;

  /**
   * A store whose new key files take {@link KeyEncryption#DEFAULT_ITERATIONS}: what {@code keys}
   * uses.
   */
  public KeyFileStore(TrustDirectory dir, SecretProvider secrets) {
    this(dir, secrets, KeyEncryption.DEFAULT_ITERATIONS, Checkpoint.NONE);
  }

  /**
   * A store writing new key files with {@code iterations} PBKDF2 iterations (at least Notary's
   * 2,048).
   */
  public KeyFileStore(TrustDirectory dir, SecretProvider secrets, int iterations) {
    this(dir, secrets, iterations, Checkpoint.NONE);
  }

  /** As above; {@code checkpoint} names the points where a test may halt or fail a write. */
  public KeyFileStore(
      TrustDirectory dir, SecretProvider secrets, int iterations, Checkpoint checkpoint) {
    if (iterations < KeyEncryption.MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "at least "
              + KeyEncryption.MIN_ITERATIONS
              + " PBKDF2 iterations (Notary's count), not "
              + iterations);
    }
    this.dir = dir;
    this.secrets = secrets;
    this.iterations = iterations;
    this.checkpoint = checkpoint;
  }

  public TrustDirectory directory() {
    return dir;
  }

  @Override
  public boolean newKeysNeedPassphrase() {
    return true;
  }

  @Override
  public String describe() {
    return "trust directory " + dir;
  }

  private KeyLocation location() {
    return KeyLocation.file(dir.privateDir().toString());
  }

  private KeyInfo info(KeyFile f) {
    return new KeyInfo(f.id(), f.role(), f.gun(), f.algorithm(), location());
  }

  @Override
  public KeyListing list() {
    // The scan's readers sort their shares in this order (in parallel for a large directory), so
    // the sort below only merges runs.
    KeyFileScanner.Scan scan = KeyFileScanner.scan(dir.privateDir(), FILE_ORDER);
    List<KeyInfo> keys = new ArrayList<>(scan.keys.size());
    KeyLocation here = location(); // one for all: every key of the listing is in the same directory
    for (KeyFile f : scan.keys) {
      keys.add(new KeyInfo(f.id(), f.role(), f.gun(), f.algorithm(), here));
    }
    keys.sort(ORDER);
    return new KeyListing(keys, scan.unreadable);
  }

  /**
   * Notary's order: root first, then by GUN, role, ID. A plain class rather than
   * Comparator.comparing(...): the JDK's comparator lambdas are spun at run time (LambdaForms,
   * ASM), which costs `keys list` tens of milliseconds of start-up that the class-data-sharing
   * archive cannot save.
   */
  public static final Comparator<KeyInfo> ORDER = new NotaryOrder();

  private static final class NotaryOrder implements Comparator<KeyInfo> {
    @Override
    public int compare(KeyInfo a, KeyInfo b) {
      return notaryOrder(a.role(), a.gun(), a.id(), b.role(), b.gun(), b.id());
    }
  }

  /** {@link #ORDER} for key files, as found by a scan. */
  static final Comparator<KeyFile> FILE_ORDER = new NotaryFileOrder();

  private static final class NotaryFileOrder implements Comparator<KeyFile> {
    @Override
    public int compare(KeyFile a, KeyFile b) {
      return notaryOrder(a.role(), a.gun(), a.id(), b.role(), b.gun(), b.id());
    }
  }

  private static int notaryOrder(Role ra, String ga, KeyId ia, Role rb, String gb, KeyId ib) {
    int c = Boolean.compare(!ra.isRoot(), !rb.isRoot());
    if (c == 0) {
      c = ga.compareTo(gb);
    }
    if (c == 0) {
      c = ra.compareTo(rb);
    }
    return c != 0 ? c : ia.compareTo(ib);
  }

  /**
   * The key file of {@code id}: its own file first (signing with one key of thousands reads one
   * file, not all of them), else what a scan finds (a legacy copy).
   */
  Optional<KeyFile> find(KeyId id) {
    KeyFile own = KeyFileScanner.flatKey(dir.privateDir(), id);
    return own != null
        ? Optional.of(own)
        : Optional.ofNullable(KeyFileScanner.scan(dir.privateDir()).get(id));
  }

  /** The key {@code id}, found as {@link #find} finds it: not by reading the whole directory. */
  @Override
  public Optional<KeyInfo> lookup(KeyId id) {
    Optional<KeyFile> f = find(id);
    return f.isPresent() ? Optional.of(info(f.get())) : Optional.empty();
  }

  private KeyFile require(KeyId id) throws KeyNotFoundException {
    return find(id)
        .orElseThrow(() -> new KeyNotFoundException(id.hex(), "it is not in " + dir.privateDir()));
  }

  /** The description of a key, if this store has it. */
  public Optional<KeyInfo> describe(KeyId id) {
    return find(id).map(this::info);
  }

  @Override
  public KeyInfo generate(KeySpec spec) throws KeysException {
    try (KeyMaterial m = newKey(spec.algorithm())) {
      return store(m, spec.role(), spec.gun());
    }
  }

  /** A fresh key pair, in memory only. */
  public static KeyMaterial newKey(Algorithm algorithm) throws KeysException {
    try {
      KeyPairGenerator g;
      switch (algorithm) {
        case ECDSA_P256:
          g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp256r1"));
          break;
        case ED25519:
          g = KeyPairGenerator.getInstance("Ed25519");
          break;
        default:
          g = KeyPairGenerator.getInstance("RSA");
          g.initialize(algorithm.bits());
      }
      KeyPair kp = g.generateKeyPair();
      return new KeyMaterial(kp.getPrivate(), kp.getPublic(), algorithm);
    } catch (GeneralSecurityException e) {
      throw new KeysException(
          "cannot generate a " + algorithm.cliName() + " key: " + e.getMessage(), e);
    }
  }

  /**
   * Encrypts {@code material} with a new passphrase (asked for this key) and writes it as {@code
   * private/<id>.key}. If a file with that ID exists already, nothing is written and the existing
   * key is returned.
   */
  public KeyInfo store(KeyMaterial material, Role role, String gun) throws KeysException {
    KeyId id = material.id();
    String g = role.belongsToGun() ? gun : "";
    Optional<KeyFile> existing = find(id);
    if (existing.isPresent()) {
      return info(existing.get());
    }
    byte[] pkcs8 = KeyCodec.toNotaryPkcs8(material);
    byte[] encrypted;
    try (Secret pass = newPassphrase(id, role, g)) {
      encrypted = KeyEncryption.encrypt(pkcs8, pass, iterations);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
    PemBlock block =
        new PemBlock(KeyFile.ENCRYPTED_PKCS8, java.util.Map.of(), encrypted)
            .withHeader("role", role.name());
    block = block.withHeader("gun", g.isEmpty() ? null : g);
    writeNew(id, block);
    return new KeyInfo(id, role, g, material.algorithm(), location());
  }

  private Secret newPassphrase(KeyId id, Role role, String gun) throws KeysException {
    return secrets
        .obtain(SecretRequest.newPassphrase(id, role, gun))
        .orElseThrow(
            () -> needsInput("a passphrase for the new " + role + " key " + id.shortId(), role));
  }

  static KeysException needsInput(String what, Role role) {
    List<String> vars = EnvironmentSecrets.variablesFor(role);
    return new KeysException(
        "no terminal to ask for "
            + what
            + ", and "
            + (vars.size() == 1 ? vars.get(0) : "none of " + String.join(", ", vars))
            + " is set",
        ExitCode.NEEDS_INPUT,
        Remedy.of(Remedy.Kind.PASSPHRASE_FROM_FILE),
        null);
  }

  @SuppressWarnings("try") // the lock is held for the whole block and never read
  private void writeNew(KeyId id, PemBlock block) throws KeysException {
    try (TrustDirectory.WriteLock lock = dir.lockForWrite()) {
      prepareForWrite();
      Path target = flatPath(id);
      if (Files.exists(target)) {
        return;
      }
      AtomicFiles.write(target, block.encodeBytes(), true, checkpoint);
    }
  }

  /**
   * With the lock held: removes leftovers of killed writers and migrates the Notary 0.1-0.3 layout.
   */
  private void prepareForWrite() throws KeysException {
    AtomicFiles.cleanLeftovers(dir.privateDir());
    migrateLegacyLocked();
  }

  /**
   * Copies keys of the Notary 0.1-0.3 layout to the flat layout (adding role and GUN headers,
   * keeping their encryption). The old files are left where they are: nothing is deleted behind the
   * user's back.
   */
  @SuppressWarnings("try") // the lock is held for the whole block and never read
  public int migrateLegacy() throws KeysException {
    try (TrustDirectory.WriteLock lock = dir.lockForWrite()) {
      return migrateLegacyLocked();
    }
  }

  private int migrateLegacyLocked() throws KeysException {
    int n = 0;
    for (KeyFile f : KeyFileScanner.scan(dir.privateDir()).keys) {
      if (f.legacyLayout()) {
        AtomicFiles.write(flatPath(f.id()), f.canonicalBlock().encodeBytes(), true, checkpoint);
        n++;
      }
    }
    return n;
  }

  @Override
  public Signer signer(KeyId id) throws KeysException {
    KeyFile f = require(id);
    return new FileSigner(info(f), unlock(f));
  }

  /** Decrypts a key, asking for its passphrase (again only when a person typed a wrong one). */
  public KeyMaterial unlock(KeyId id) throws KeysException {
    return unlock(require(id));
  }

  private KeyMaterial unlock(KeyFile f) throws KeysException {
    if (!f.encrypted()) {
      try {
        return f.decrypt(null);
      } catch (KeyEncryption.BadPassphraseException | KeyCodec.InvalidKeyDataException e) {
        throw corrupt(f, e.getMessage());
      }
    }
    for (int attempt = 1; ; attempt++) {
      Secret pass =
          secrets
              .obtain(SecretRequest.passphrase(f.id(), f.role(), f.gun(), attempt))
              .orElseThrow(() -> needsInput("the passphrase of " + info(f).label(), f.role()));
      try (pass) {
        KeyMaterial m = f.decrypt(pass);
        if (!m.id().equals(f.id())) {
          KeyId actual = m.id();
          m.destroy();
          throw new KeysException(
              f.path()
                  + " holds key "
                  + actual.shortId()
                  + ", not "
                  + f.id().shortId()
                  + " as its name says: rename it to "
                  + actual.hex()
                  + ".key",
              ExitCode.VERIFICATION_FAILED);
        }
        return m;
      } catch (KeyEncryption.BadPassphraseException e) {
        if (pass.origin() != Secret.Origin.PROMPT || attempt >= MAX_PROMPT_ATTEMPTS) {
          throw WrongSecretException.passphrase(f.id(), f.role(), pass.source());
        }
      } catch (KeyCodec.InvalidKeyDataException e) {
        throw corrupt(f, e.getMessage());
      }
    }
  }

  private static KeysException corrupt(KeyFile f, String why) {
    return new KeysException(
        f.path() + " is not a usable key (" + why + "): restore it from a backup",
        ExitCode.FAILURE);
  }

  @Override
  @SuppressWarnings("try") // the lock is held for the whole block and never read
  public void remove(KeyId id) throws KeysException {
    try (TrustDirectory.WriteLock lock = dir.lockForWrite()) {
      AtomicFiles.cleanLeftovers(dir.privateDir());
      KeyFile f = require(id);
      AtomicFiles.delete(flatPath(id), checkpoint);
      if (f.legacyLayout()) {
        AtomicFiles.delete(f.path(), checkpoint);
      }
      // A legacy copy of a key already migrated goes too: the user asked for the key to be gone.
      for (KeyFile other : KeyFileScanner.scan(dir.privateDir()).keys) {
        if (other.id().equals(id) && other.legacyLayout()) {
          AtomicFiles.delete(other.path(), checkpoint);
        }
      }
    }
  }

  /**
   * Changes a key's passphrase: decrypts with the current one, encrypts with one from {@code
   * newSecrets}.
   *
   * @throws KeyChangedException when another process removed or replaced the key meanwhile (nothing
   *     written)
   */
  public KeyInfo changePassphrase(KeyId id, SecretProvider newSecrets) throws KeysException {
    return update(
        id,
        f -> {
          try (KeyMaterial m = unlock(f)) {
            byte[] pkcs8 = KeyCodec.toNotaryPkcs8(m);
            byte[] encrypted;
            try (Secret pass =
                newSecrets
                    .obtain(SecretRequest.newPassphrase(id, f.role(), f.gun()))
                    .orElseThrow(
                        () -> needsInput("the new passphrase of " + info(f).label(), f.role()))) {
              encrypted = KeyEncryption.encrypt(pkcs8, pass, iterations);
            } finally {
              Arrays.fill(pkcs8, (byte) 0);
            }
            return new PemBlock(KeyFile.ENCRYPTED_PKCS8, f.canonicalBlock().headers(), encrypted)
                .withHeader("Proc-Type", null)
                .withHeader("DEK-Info", null);
          }
        });
  }

  /** What a read-modify-write makes of the key file it read: the block to store in its place. */
  @FunctionalInterface
  private interface Change {
    PemBlock apply(KeyFile read) throws KeysException;
  }

  /**
   * The one read-modify-write of a key file. The file is read (bytes and identity) without the
   * lock, and {@code change} does the slow part (prompts, the KDF) outside it; then, with the
   * writers' lock held, the file must still be exactly the version read (same identity, same bytes)
   * before the new block replaces it. Another process that removed, re-encrypted or restored the
   * key in between makes this fail with a {@link KeyChangedException} (exit 8) and nothing written:
   * never a success that silently undoes the other's work.
   */
  @SuppressWarnings("try") // the lock is held for the whole block and never read
  private KeyInfo update(KeyId id, Change change) throws KeysException {
    dir.settle(); // never read a half-applied restore: it is undone before this writes
    KeyFileVersion read = KeyFileVersion.read(require(id), flatPath(id));
    KeyFile f = read.file();
    PemBlock block = change.apply(f);
    try {
      checkpoint.reached("update-before-lock");
    } catch (java.io.IOException e) {
      throw new KeysException(
          "cannot update " + f.path() + ": " + e.getMessage() + " (nothing was changed)", e);
    }
    try (TrustDirectory.WriteLock lock = dir.lockForWrite()) {
      read.requireCurrent();
      prepareForWrite();
      AtomicFiles.write(flatPath(id), block.encodeBytes(), false, checkpoint);
    }
    return info(f);
  }

  private Path flatPath(KeyId id) {
    return dir.privateDir().resolve(id.hex() + ".key");
  }

  /** The PEM block of a key as stored, with the {@code path:} header Notary's import needs. */
  public PemBlock exportBlock(KeyId id) throws KeysException {
    KeyFile f = require(id);
    return f.canonicalBlock().withHeader("path", id.hex());
  }

  /**
   * Writes a key file read from elsewhere (import), with the lock held; refuses a different file
   * under the ID.
   */
  @SuppressWarnings("try") // the lock is held for the whole block and never read
  ImportResult writeImported(KeyId id, PemBlock block, Role role, String gun) throws KeysException {
    try (TrustDirectory.WriteLock lock = dir.lockForWrite()) {
      prepareForWrite();
      Path target = flatPath(id);
      KeyInfo info = new KeyInfo(id, role, gun, null, location());
      if (Files.exists(target)) {
        return new ImportResult(info, ImportResult.Status.ALREADY_PRESENT);
      }
      AtomicFiles.write(target, block.encodeBytes(), true, checkpoint);
    }
    return new ImportResult(describe(id).orElseThrow(), ImportResult.Status.IMPORTED);
  }

  SecretProvider secrets() {
    return secrets;
  }

  int iterations() {
    return iterations;
  }

  @Override
  public String toString() {
    return "KeyFileStore[" + dir + "]";
  }
}
