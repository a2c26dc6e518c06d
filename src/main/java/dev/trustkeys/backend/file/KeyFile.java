package dev.trustkeys.backend.file;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A key file as found on disk, understood without decrypting it: ID (from the file name, as Notary
 * does), role and GUN (from the PEM headers, or for Notary 0.1-0.3 layouts from the path), and the
 * PEM block.
 */
final class KeyFile {
  static final String ENCRYPTED_PKCS8 = "ENCRYPTED PRIVATE KEY";
  static final String PKCS8 = "PRIVATE KEY";

  private final Path dir;
  private final String name;
  private Path path;
  private final KeyId id;
  private final Role role;
  private final String gun;
  private final PemBlock block;
  private final boolean legacyLayout;

  /**
   * Null until told; one reference to an immutable Optional, so a racy read sees all of it or
   * nothing.
   */
  private java.util.Optional<Algorithm> algorithm;

  KeyFile(Path path, KeyId id, Role role, String gun, PemBlock block, boolean legacyLayout) {
    this(path.getParent(), path.getFileName().toString(), path, id, role, gun, block, legacyLayout);
  }

  /**
   * A file of the flat layout, {@code dir/name}; its Path is made only if asked for (listing never
   * does).
   */
  KeyFile(Path dir, String name, KeyId id, Role role, String gun, PemBlock block) {
    this(dir, name, null, id, role, gun, block, false);
  }

  private KeyFile(
      Path dir,
      String name,
      Path path,
      KeyId id,
      Role role,
      String gun,
      PemBlock block,
      boolean legacyLayout) {
    this.dir = dir;
    this.name = name;
    this.path = path;
    this.id = id;
    this.role = role;
    this.gun = gun;
    this.block = block;
    this.legacyLayout = legacyLayout;
  }

  Path path() {
    // Racy but safe: Path is immutable, and every thread resolves the same value.
    Path p = path;
    if (p == null) {
      p = dir == null ? Path.of(name) : dir.resolve(name);
      path = p;
    }
    return p;
  }

  KeyId id() {
    return id;
  }

  Role role() {
    return role;
  }

  String gun() {
    return gun;
  }

  PemBlock block() {
    return block;
  }

  boolean legacyLayout() {
    return legacyLayout;
  }

  boolean encrypted() {
    return block.type().equals(ENCRYPTED_PKCS8) || block.isLegacyEncrypted();
  }

  /** The block as it is stored in the flat 0.4+ layout: same bytes, with role and GUN headers. */
  PemBlock canonicalBlock() {
    PemBlock b = block.withHeader("role", role.name()).withHeader("path", null);
    return b.withHeader("gun", role.belongsToGun() ? gun : null);
  }

  /**
   * The algorithm, told once from the PEM type and the ciphertext length; null if the block is
   * unusable.
   */
  Algorithm algorithm() {
    // Racy but safe: every thread tells the same value (the scan's readers tell it, in parallel).
    java.util.Optional<Algorithm> a = algorithm;
    if (a == null) {
      a = java.util.Optional.ofNullable(tellAlgorithm());
      algorithm = a;
    }
    return a.orElse(null);
  }

  private Algorithm tellAlgorithm() {
    try {
      switch (block.type()) {
        case ENCRYPTED_PKCS8:
          return byLength(DerFraming.ciphertextLength(block.bytesUnshared()), 128, 400);
        case PKCS8:
          try (KeyMaterial m = KeyCodec.fromPkcs8(block.bytes())) {
            return m.algorithm();
          }
        case "EC PRIVATE KEY":
          return Algorithm.ECDSA_P256;
        case "ED25519 PRIVATE KEY":
          return Algorithm.ED25519;
        case "RSA PRIVATE KEY":
          return block.bytes().length > 1800 ? Algorithm.RSA_4096 : Algorithm.RSA_2048;
        default:
          return null;
      }
    } catch (KeyCodec.InvalidKeyDataException e) {
      return null;
    }
  }

  private static Algorithm byLength(int len, int edMax, int ecMax) {
    if (len <= edMax) {
      return Algorithm.ED25519;
    }
    if (len <= ecMax) {
      return Algorithm.ECDSA_P256;
    }
    return len > 1800 ? Algorithm.RSA_4096 : Algorithm.RSA_2048;
  }

  /**
   * Decrypts the key.
   *
   * @throws KeyEncryption.BadPassphraseException for a wrong passphrase
   * @throws KeyCodec.InvalidKeyDataException when the file is not a usable key
   */
  KeyMaterial decrypt(Secret passphrase)
      throws KeyEncryption.BadPassphraseException, KeyCodec.InvalidKeyDataException {
    return decrypt(block, passphrase);
  }

  static KeyMaterial decrypt(PemBlock block, Secret passphrase)
      throws KeyEncryption.BadPassphraseException, KeyCodec.InvalidKeyDataException {
    byte[] plain = null;
    try {
      switch (block.type()) {
        case ENCRYPTED_PKCS8:
          plain = KeyEncryption.decrypt(block.bytes(), passphrase);
          return parseDecrypted(plain, KeyCodec::fromPkcs8);
        case PKCS8:
          return KeyCodec.fromPkcs8(block.bytes());
        case "EC PRIVATE KEY":
        case "RSA PRIVATE KEY":
        case "ED25519 PRIVATE KEY":
          Parser p = parserFor(block.type());
          if (block.isLegacyEncrypted()) {
            plain = KeyEncryption.decryptLegacy(block, passphrase);
            return parseDecrypted(plain, p);
          }
          return p.parse(block.bytes());
        default:
          throw new KeyCodec.InvalidKeyDataException(
              "PEM block '" + block.type() + "' is not a private key");
      }
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  /** Whether decrypting needs a passphrase. */
  static boolean needsPassphrase(PemBlock block) {
    return block.type().equals(ENCRYPTED_PKCS8) || block.isLegacyEncrypted();
  }

  /**
   * The first private-key block among the PEM blocks of a key file's bytes (text between blocks is
   * skipped, as Go does).
   *
   * @throws PemBlock.PemException with the reason: broken PEM, "not PEM", or "holds no private key"
   */
  static PemBlock privateKeyBlock(byte[] bytes) throws PemBlock.PemException {
    List<PemBlock> blocks = PemBlock.parseAll(bytes, StandardCharsets.US_ASCII);
    for (PemBlock b : blocks) {
      if (isPrivateKeyBlock(b)) {
        return b;
      }
    }
    throw new PemBlock.PemException(blocks.isEmpty() ? "not PEM" : "holds no private key");
  }

  static boolean isPrivateKeyBlock(PemBlock block) {
    switch (block.type()) {
      case ENCRYPTED_PKCS8:
      case PKCS8:
      case "EC PRIVATE KEY":
      case "RSA PRIVATE KEY":
      case "ED25519 PRIVATE KEY":
        return true;
      default:
        return false;
    }
  }

  private static Parser parserFor(String type) {
    switch (type) {
      case "EC PRIVATE KEY":
        return KeyCodec::fromSec1;
      case "RSA PRIVATE KEY":
        return KeyCodec::fromPkcs1;
      default:
        return KeyCodec::fromNotaryEd25519;
    }
  }

  /**
   * A plaintext that does not parse after a successful unpadding means the passphrase was wrong (1
   * in 256).
   */
  private static KeyMaterial parseDecrypted(byte[] plain, Parser p)
      throws KeyEncryption.BadPassphraseException {
    try {
      return p.parse(plain);
    } catch (KeyCodec.InvalidKeyDataException e) {
      throw new KeyEncryption.BadPassphraseException();
    }
  }

  @FunctionalInterface
  private interface Parser {
    KeyMaterial parse(byte[] der) throws KeyCodec.InvalidKeyDataException;
  }

  @Override
  public String toString() {
    return "KeyFile[" + role + " " + id.shortId() + " " + path() + "]";
  }
}
