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
   * The algorithm, told once from the PEM type and the ciphertext length ({@link
   * #byCiphertextLength}); null if the block is unusable, or if it is encrypted and its length fits
   * no known encoding (shown as unknown: the listing has no passphrase to decrypt with).
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
          return byCiphertextLength(DerFraming.ciphertextLength(block.bytesUnshared()));
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

  /**
   * Whether the block is framed as a private key, told without decrypting: an encrypted one whose
   * algorithm cannot be told from its length is still a key (it decrypts and signs as any other).
   */
  boolean usable() {
    if (!block.type().equals(ENCRYPTED_PKCS8)) {
      return algorithm() != null;
    }
    try {
      DerFraming.ciphertextLength(block.bytesUnshared());
      return true;
    } catch (KeyCodec.InvalidKeyDataException e) {
      return false;
    }
  }

  /**
   * The algorithm of an encrypted PKCS#8 key from the length of its ciphertext alone, or null when
   * that length does not tell it. Notary's PBES2 encrypts with AES-CBC and PKCS#7 padding, so the
   * ciphertext is the PKCS#8 length rounded up to the next multiple of 16 (a whole block more when
   * it is a multiple already). The PKCS#8 encodings that exist, by the tools that write them:
   *
   * <pre>
   * Ed25519, RFC 8410 v1 (OpenSSL, Go, Java)                      48 bytes     ->   64
   * P-256 without the public point (RFC 5915 leaves it out; Java,
   *   openssl pkcs8 of a key written without it): 65-67 bytes,
   *   77-79 with the curve parameters inside the ECPrivateKey     65-79        ->   80
   * Ed25519, RFC 8410 v2 with the public key (BouncyCastle)        83          ->   96
   * Ed25519 as Notary writes it (OID 1.3.6.1.4.1.11591.15.1,
   *   96 raw bytes; 118 with a NULL parameter)                   116-118       ->  128
   * P-256 with the public point (OpenSSL, Go)                    136-138       ->  144
   * P-256 with the public point and the curve parameters
   *   (Notary, keys)                                             148-150       ->  160
   * RSA 2048 (PKCS#1 inside; Notary omits the NULL parameter)   about 1,210-1,220 -> 1,216-1,232
   * RSA 4096                                                    about 2,370-2,380 -> 2,368-2,384
   * </pre>
   *
   * (P-256 scalars and RSA integers written without a leading zero byte shorten an encoding by a
   * byte or two, within the same block.) No two of these share a length, so each tells its
   * algorithm. Any other length is not told: RSA 3072, a curve keys does not use, or PKCS#8
   * attributes (the optional [0] set, which none of these tools write; they lengthen an encoding,
   * and could in principle even land one on another's length). Rather than a guess the listing
   * shows such a key as unknown; it still decrypts and signs by what its PKCS#8 says.
   */
  static Algorithm byCiphertextLength(int len) {
    switch (len) {
      case 64:
      case 96:
      case 128:
        return Algorithm.ED25519;
      case 80:
      case 144:
      case 160:
        return Algorithm.ECDSA_P256;
      default:
        if (len >= 1184 && len <= 1264) {
          return Algorithm.RSA_2048;
        }
        if (len >= 2336 && len <= 2432) {
          return Algorithm.RSA_4096;
        }
        return null;
    }
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
