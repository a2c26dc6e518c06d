package dev.trustkeys.reliability;

import dev.trustkeys.backend.file.AtomicFiles;
import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.WrongSecretException;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.tuf.Signed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Consistency of a trust directory, read in-process with the real store: which keys are there,
 * whether each one decrypts (with one of the passphrases the harness ever used) to a key whose ID
 * matches its file name, whether any file under a final name is unreadable, and which leftovers
 * (temporary files, restore staging directories) exist.
 */
final class TrustDirCheck {
  private final TrustDirectory dir;
  private final List<String> passphrases;

  TrustDirCheck(Path root, List<String> passphrases) {
    this.dir = new TrustDirectory(root);
    this.passphrases = List.copyOf(passphrases);
  }

  /** IDs of the keys in {@code private/}, as the store lists them. */
  List<KeyId> keys() {
    List<KeyId> ids = new ArrayList<>();
    for (KeyInfo k : store(null).list().keys()) {
      ids.add(k.id());
    }
    return ids;
  }

  /**
   * IDs of the delegation keys (those the harness may remove or re-encrypt without breaking a
   * repository).
   */
  List<KeyId> delegationKeys() {
    List<KeyId> ids = new ArrayList<>();
    for (KeyInfo k : store(null).list().keys()) {
      if (k.role().isDelegation()) {
        ids.add(k.id());
      }
    }
    return ids;
  }

  /** The known passphrase that decrypts {@code id}, if any. */
  Optional<String> passphraseOf(KeyId id) {
    for (String p : passphrases) {
      try {
        store(p).unlock(id).destroy();
        return Optional.of(p);
      } catch (KeysException e) {
        // next
      }
    }
    return Optional.empty();
  }

  /** Files with a final name that the store cannot read (a half-written file would be one). */
  List<KeyListing.Unreadable> unreadable() {
    return store(null).list().unreadable();
  }

  /** Empty when {@code id} is present and decrypts to the key its name says; else why not. */
  Optional<String> decrypts(KeyId id) {
    String last = "no passphrase tried";
    for (String p : passphrases) {
      try {
        store(p).unlock(id).destroy();
        return Optional.empty();
      } catch (WrongSecretException e) {
        last = e.getMessage();
      } catch (KeysException e) {
        return Optional.of(e.getMessage());
      }
    }
    return Optional.of("decrypts with none of the known passphrases: " + last);
  }

  /**
   * Temporary files of killed writers anywhere in the trust directory, and restore staging
   * directories.
   */
  List<Path> leftovers() throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.exists(dir.root())) {
      return out;
    }
    try (Stream<Path> s = Files.walk(dir.root())) {
      s.filter(
              p ->
                  AtomicFiles.isTemporary(p)
                      || p.getFileName().toString().startsWith(".keys-restore-"))
          .forEach(out::add);
    }
    return out;
  }

  /**
   * Metadata files under {@code tuf/} with a final name that do not parse as signed TUF metadata.
   */
  List<String> brokenMetadata() throws IOException {
    List<String> out = new ArrayList<>();
    Path tuf = dir.tufDir();
    if (!Files.isDirectory(tuf)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(tuf)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (Files.isRegularFile(p) && n.endsWith(".json") && !AtomicFiles.isTemporary(p)) {
          try {
            Signed.parse(Files.readAllBytes(p));
          } catch (Exception e) {
            out.add(p + ": " + e);
          }
        }
      }
    }
    return out;
  }

  /**
   * SHA-256 of every file under a final name in {@code private/} (to prove a failed write changed
   * nothing).
   */
  Map<String, String> fingerprint() throws IOException {
    Map<String, String> out = new TreeMap<>();
    Path priv = dir.privateDir();
    if (!Files.isDirectory(priv)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(priv)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p) && !AtomicFiles.isTemporary(p)) {
          out.put(priv.relativize(p).toString(), sha256(Files.readAllBytes(p)));
        }
      }
    }
    return out;
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeyFileStore store(String passphrase) {
    return new KeyFileStore(
        dir,
        r ->
            passphrase == null
                ? Optional.empty()
                : Optional.of(Secret.copyOf(passphrase.toCharArray(), Secret.Origin.PROGRAM)),
        2048);
  }
}
