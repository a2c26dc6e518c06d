package dev.trustkeys.backend.file;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.WrongSecretException;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports keys from PEM text: Notary's exports (with {@code path:}), the {@code -key.pem} files of
 * {@code notary key generate -o} and {@code docker trust key generate} (encrypted, no {@code
 * path:}: decrypted once to learn the ID), legacy PEM, and unencrypted keys (encrypted with a new
 * passphrase). Blocks that are not private keys ({@code EC PARAMETERS}, {@code PUBLIC KEY},
 * certificates) are skipped. The role and GUN come from the PEM headers, else from {@code
 * --role}/{@code --gun}; the default role is {@code delegation}, as in Notary.
 */
public final class KeyImporter {
  private final KeyFileStore store;

  public KeyImporter(KeyFileStore store) {
    this.store = store;
  }

  /**
   * Imports every private key in {@code text}. Either all blocks are checked before anything is
   * written, so that a file with one bad block imports nothing.
   */
  public List<ImportResult> importPem(
      String text, String source, Role roleOverride, String gunOverride) throws KeysException {
    List<PemBlock> blocks;
    try {
      blocks = PemBlock.parseAll(text);
    } catch (PemBlock.PemException e) {
      throw new KeysException(
          source + ": " + e.getMessage() + ": nothing was imported", ExitCode.FAILURE);
    }
    List<Prepared> prepared = new ArrayList<>();
    for (PemBlock b : blocks) {
      if (KeyFile.isPrivateKeyBlock(b)) {
        prepared.add(prepare(b, source, roleOverride, gunOverride));
      }
    }
    if (prepared.isEmpty()) {
      throw new KeysException(
          source + " holds no private key: nothing was imported", ExitCode.FAILURE);
    }
    List<ImportResult> results = new ArrayList<>();
    for (Prepared p : prepared) {
      results.add(store.writeImported(p.id, p.block, p.role, p.gun));
    }
    return results;
  }

  private record Prepared(KeyId id, PemBlock block, Role role, String gun) {}

  private Prepared prepare(PemBlock b, String source, Role roleOverride, String gunOverride)
      throws KeysException {
    String path = b.header("path");
    String gun = b.header("gun");
    if (path != null && path.startsWith("tuf_keys/") && gun == null) {
      String rest = path.substring("tuf_keys/".length());
      int slash = rest.lastIndexOf('/');
      gun = slash > 0 ? rest.substring(0, slash) : null;
    }
    Role role = b.header("role") != null ? roleOf(b.header("role"), source) : roleOverride;
    if (role == null) {
      role = Role.DELEGATION;
    }
    if (gun == null || gun.isEmpty()) {
      gun = gunOverride == null ? "" : gunOverride;
    }
    if (role.belongsToGun() && gun.isEmpty()) {
      throw new UsageException(
          source + ": a " + role + " key belongs to one repository",
          Remedy.of(Remedy.Kind.NAME_GUN));
    }
    if (!role.belongsToGun()) {
      gun = "";
    }
    String pathId = path == null ? null : Path.of(path).getFileName().toString();
    if (KeyFile.needsPassphrase(b)) {
      // The ID comes from the key itself: a path: header naming another key would otherwise put
      // this key under that key's name (and make a later import of the real one a silent "already
      // present").
      KeyId id = idByDecrypting(b, role, source);
      if (pathId != null && KeyId.isKeyId(pathId) && !KeyId.of(pathId).equals(id)) {
        throw new KeysException(
            source
                + ": its path: header names key "
                + KeyId.of(pathId).shortId()
                + " but it holds key "
                + id.shortId()
                + ": nothing was imported (remove the path: header to import it as "
                + id.shortId()
                + ")",
            ExitCode.VERIFICATION_FAILED);
      }
      PemBlock stored = b.withHeader("path", null).withHeader("role", role.name());
      return new Prepared(id, stored.withHeader("gun", gun.isEmpty() ? null : gun), role, gun);
    }
    // Unencrypted: encrypt it now with a new passphrase.
    Role keyRole = role;
    try (KeyMaterial m = KeyFile.decrypt(b, null)) {
      KeyId id = m.id();
      byte[] pkcs8 = KeyCodec.toNotaryPkcs8(m);
      byte[] encrypted;
      try (Secret pass =
          store
              .secrets()
              .obtain(SecretRequest.newPassphrase(id, role, gun))
              .orElseThrow(
                  () ->
                      KeyFileStore.needsInput(
                          "a passphrase for the imported key " + id.shortId(), keyRole))) {
        encrypted = KeyEncryption.encrypt(pkcs8, pass, store.iterations());
      } finally {
        java.util.Arrays.fill(pkcs8, (byte) 0);
      }
      PemBlock stored =
          new PemBlock(KeyFile.ENCRYPTED_PKCS8, java.util.Map.of("role", role.name()), encrypted);
      return new Prepared(id, stored.withHeader("gun", gun.isEmpty() ? null : gun), role, gun);
    } catch (KeyEncryption.BadPassphraseException | KeyCodec.InvalidKeyDataException e) {
      throw new KeysException(
          source + ": not a usable private key (" + e.getMessage() + ")", ExitCode.FAILURE);
    }
  }

  private KeyId idByDecrypting(PemBlock b, Role role, String source) throws KeysException {
    for (int attempt = 1; ; attempt++) {
      Secret pass =
          store
              .secrets()
              .obtain(
                  new SecretRequest(
                      SecretRequest.Kind.PASSPHRASE,
                      null,
                      role,
                      source,
                      attempt,
                      java.util.OptionalInt.empty()))
              .orElseThrow(
                  () -> KeyFileStore.needsInput("the passphrase of the key in " + source, role));
      try (pass;
          KeyMaterial m = KeyFile.decrypt(b, pass)) {
        return m.id();
      } catch (KeyEncryption.BadPassphraseException e) {
        if (pass.origin() != Secret.Origin.PROMPT || attempt >= 3) {
          throw new WrongSecretException(
              "wrong passphrase for the " + role + " key in " + source + ": nothing was imported",
              java.util.OptionalInt.empty());
        }
      } catch (KeyCodec.InvalidKeyDataException e) {
        throw new KeysException(
            source + ": not a usable private key (" + e.getMessage() + ")", ExitCode.FAILURE);
      }
    }
  }

  private static Role roleOf(String name, String source) throws UsageException {
    try {
      return Role.fromHeader(name);
    } catch (UsageException e) {
      throw new UsageException(source + ": " + e.getMessage());
    }
  }
}
