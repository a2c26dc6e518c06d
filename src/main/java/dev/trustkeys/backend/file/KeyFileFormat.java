package dev.trustkeys.backend.file;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.WrongSecretException;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.SecretRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key files as bytes, away from a trust directory: the same rules {@link KeyFileScanner} applies on
 * disk, for archives (backup, verify, restore). A path is relative to {@code private/}: {@code
 * <id>.key} (Notary 0.4+), or {@code root_keys/<id>[_role].key} and {@code
 * tuf_keys/[<gun>/]<id>[_role].key} (Notary 0.1-0.3).
 */
public final class KeyFileFormat {
  /** The largest key file accepted (the scanner's limit). */
  public static final int MAX_KEY_FILE = 64 * 1024;

  private static final Pattern LEGACY_NAME =
      Pattern.compile("([0-9a-f]{64})(?:_([A-Za-z0-9_.\\-]+))?\\.key");

  private KeyFileFormat() {}

  /**
   * Understands {@code bytes} as the key file at {@code pathInPrivate}, without decrypting it.
   *
   * @throws NotAKeyException when the path is not a key file name or the bytes are not a PEM
   *     private key with a known role
   */
  public static Parsed parse(String pathInPrivate, byte[] bytes) throws NotAKeyException {
    if (bytes.length > MAX_KEY_FILE) {
      throw new NotAKeyException(
          "too large for a key file (" + bytes.length + " bytes, at most " + MAX_KEY_FILE + ")");
    }
    String[] parts = pathInPrivate.split("/", -1);
    String name = parts[parts.length - 1];
    boolean legacy = parts.length > 1;
    KeyId id;
    String roleFromName = null;
    if (!legacy) {
      if (!name.endsWith(".key") || !KeyId.isKeyId(name.substring(0, name.length() - 4))) {
        throw new NotAKeyException("not a key file name: expected <key ID>.key");
      }
      id = keyId(name.substring(0, name.length() - 4));
    } else {
      boolean rootKeys = parts[0].equals(KeyFileScanner.LEGACY_ROOT) && parts.length == 2;
      boolean tufKeys = parts[0].equals(KeyFileScanner.LEGACY_TUF);
      Matcher m = LEGACY_NAME.matcher(name);
      if (!(rootKeys || tufKeys) || !m.matches()) {
        throw new NotAKeyException("not a key file of the flat or the Notary 0.1-0.3 layout");
      }
      id = keyId(m.group(1));
      roleFromName = m.group(2);
    }
    PemBlock block = privateKeyBlock(bytes);
    String roleName = block.header("role");
    if (roleName == null && !legacy) {
      throw new NotAKeyException("no 'role' header");
    }
    if (roleName == null) {
      roleName =
          roleFromName != null
              ? roleFromName
              : parts[0].equals(KeyFileScanner.LEGACY_TUF) ? "delegation" : "root";
    }
    Role role;
    try {
      role = Role.fromHeader(roleName);
    } catch (UsageException e) {
      throw new NotAKeyException("unknown role " + dev.trustkeys.core.Untrusted.quote(roleName));
    }
    String gun = "";
    if (role.belongsToGun()) {
      if (block.header("gun") != null) {
        gun = block.header("gun");
      } else if (legacy && parts[0].equals(KeyFileScanner.LEGACY_TUF)) {
        gun = String.join("/", List.of(parts).subList(1, parts.length - 1));
      }
    }
    KeyFile file = new KeyFile(Path.of(pathInPrivate), id, role, gun, block, legacy);
    if (!file.usable()) {
      throw new NotAKeyException("the " + block.type() + " block is not a usable key");
    }
    return new Parsed(file, legacy ? file.canonicalBlock().encodeBytes() : bytes.clone());
  }

  private static KeyId keyId(String hex) throws NotAKeyException {
    try {
      return KeyId.of(hex);
    } catch (UsageException e) {
      throw new NotAKeyException(e.getMessage());
    }
  }

  private static PemBlock privateKeyBlock(byte[] bytes) throws NotAKeyException {
    try {
      return KeyFile.privateKeyBlock(bytes);
    } catch (PemBlock.PemException e) {
      throw new NotAKeyException(e.getMessage());
    }
  }

  /** A key file understood without decrypting it. */
  public static final class Parsed {
    private final KeyFile file;
    private final byte[] flatBytes;

    private Parsed(KeyFile file, byte[] flatBytes) {
      this.file = file;
      this.flatBytes = flatBytes;
    }

    public KeyId id() {
      return file.id();
    }

    public Role role() {
      return file.role();
    }

    /** The GUN, empty for keys that belong to no one repository. */
    public String gun() {
      return file.gun();
    }

    public Algorithm algorithm() {
      return file.algorithm();
    }

    /** Whether the file is in the Notary 0.1-0.3 layout. */
    public boolean legacyLayout() {
      return file.legacyLayout();
    }

    /** The name in the flat layout: {@code <id>.key}. */
    public String flatName() {
      return file.id().hex() + ".key";
    }

    /**
     * The file as the flat layout stores it: the bytes unchanged for a flat file; for a legacy
     * file, its block with {@code role} and {@code gun} headers, exactly as {@link
     * KeyFileStore#migrateLegacy()} writes it.
     */
    public byte[] flatBytes() {
      return flatBytes.clone();
    }

    /**
     * Proves that the key decrypts with a passphrase from {@code secrets} and is the key its name
     * says, in memory only (the material is destroyed at once). A person at a prompt gets three
     * tries.
     *
     * @throws WrongSecretException when the passphrase is wrong
     * @throws KeysException with {@link ExitCode#NEEDS_INPUT} when no passphrase is available, with
     *     {@link ExitCode#VERIFICATION_FAILED} when the file holds another key or is corrupt
     */
    public void checkDecrypts(SecretProvider secrets) throws KeysException {
      if (!file.encrypted()) {
        try {
          check(null);
          return;
        } catch (KeyEncryption.BadPassphraseException e) {
          throw new KeysException(label() + " is not a usable key", ExitCode.VERIFICATION_FAILED);
        }
      }
      for (int attempt = 1; ; attempt++) {
        Secret pass =
            secrets
                .obtain(SecretRequest.passphrase(id(), role(), gun(), attempt))
                .orElseThrow(() -> KeyFileStore.needsInput("the passphrase of " + label(), role()));
        try (pass) {
          check(pass);
          return;
        } catch (KeyEncryption.BadPassphraseException e) {
          if (pass.origin() != Secret.Origin.PROMPT || attempt >= 3) {
            throw WrongSecretException.passphrase(id(), role(), pass.source());
          }
        }
      }
    }

    private void check(Secret pass) throws KeysException, KeyEncryption.BadPassphraseException {
      try (KeyMaterial m = file.decrypt(pass)) {
        if (!m.id().equals(id())) {
          throw new KeysException(
              label() + ": the file holds key " + m.id().shortId() + ", not the key its name says",
              ExitCode.VERIFICATION_FAILED);
        }
      } catch (KeyCodec.InvalidKeyDataException e) {
        throw new KeysException(
            label() + " is not a usable key (" + e.getMessage() + ")",
            ExitCode.VERIFICATION_FAILED);
      }
    }

    private String label() {
      return role() + " key " + id().shortId();
    }

    @Override
    public String toString() {
      return "KeyFileFormat.Parsed[" + label() + "]";
    }
  }

  /** The bytes or the name are not a key file. */
  public static final class NotAKeyException extends Exception {
    private static final long serialVersionUID = 1L;

    public NotAKeyException(String message) {
      super(message);
    }
  }
}
