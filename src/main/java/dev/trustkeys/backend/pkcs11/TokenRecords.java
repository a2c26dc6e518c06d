package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Untrusted;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.io.AtomicWrite;
import dev.trustkeys.core.io.InputFiles;
import dev.trustkeys.core.io.IoErrors;
import dev.trustkeys.core.json.JsonReader;
import dev.trustkeys.core.json.JsonSyntaxException;
import dev.trustkeys.core.json.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where keys live that cannot be found for free: the PKCS#11 tokens {@code keys} made a key on,
 * with the module each was reached through, in {@code pkcs11-tokens.json} in the trust directory
 * (version 1, 0600, written atomically under the trust directory's writers' lock; docs/pkcs11.md).
 * Listing and signing then find the token's keys without {@code --module}. No PIN, no key material:
 * a module path and the token's attributes.
 *
 * <pre>{"version": 1, "tokens": [{"module": "/usr/lib/softhsm/libsofthsm2.so",
 *   "token": "pkcs11:manufacturer=SoftHSM%20project;model=SoftHSM%20v2;serial=1a2b3c;token=ci"}]}
 * </pre>
 */
public final class TokenRecords {
  /** The file's name in the trust directory. */
  public static final String FILE = "pkcs11-tokens.json";

  static final long VERSION = 1;
  private static final int MAX_BYTES = 1 << 20;

  /** Holds the trust directory's writers' lock while the file is read, changed and replaced. */
  @FunctionalInterface
  public interface Locker {
    Held lock() throws KeysException;
  }

  /** A held lock. */
  @FunctionalInterface
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** A token keys made a key on, and the module it was reached through. */
  public record Token(Path module, Pkcs11Uri uri) {}

  private final Path file;
  private final Locker locker;

  /**
   * @param trustDirectory where the file is
   * @param locker the trust directory's writers' lock (it creates the directory, 0700, if need be)
   */
  public TokenRecords(Path trustDirectory, Locker locker) {
    this.file = trustDirectory.resolve(FILE);
    this.locker = locker;
  }

  public Path file() {
    return file;
  }

  /** Whether any token is recorded: one stat, so that {@code keys list} stays fast without one. */
  public boolean any() {
    return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * The tokens recorded, oldest first; none when there is no file. A file keys cannot read is an
   * error.
   */
  public List<Token> read() throws KeysException {
    if (!any()) {
      return List.of();
    }
    String text;
    try {
      text = new String(InputFiles.read(file, MAX_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw IoErrors.cannotReadNamed(file, e);
    }
    Object tree;
    try {
      tree = JsonReader.parse(text);
    } catch (JsonSyntaxException e) {
      throw unreadable("not JSON: " + e.getMessage());
    }
    return parse(tree);
  }

  private List<Token> parse(Object tree) throws KeysException {
    if (!(tree instanceof Map<?, ?> doc)) {
      throw unreadable("not a JSON object");
    }
    Object version = doc.get("version");
    if (!Long.valueOf(VERSION).equals(version)) {
      throw unreadable(
          "version "
              + Untrusted.quote(version)
              + " is not "
              + VERSION
              + " (written by a newer keys?)");
    }
    if (!(doc.get("tokens") instanceof List<?> tokens)) {
      throw unreadable("no list of tokens");
    }
    List<Token> out = new ArrayList<>();
    for (Object o : tokens) {
      Object module = o instanceof Map<?, ?> m ? m.get("module") : null;
      Object uri = o instanceof Map<?, ?> m ? m.get("token") : null;
      if (!(module instanceof String)
          || !Path.of((String) module).isAbsolute()
          || !(uri instanceof String)) {
        throw unreadable("a token without an absolute module path and a pkcs11: URI");
      }
      try {
        out.add(new Token(Path.of((String) module), Pkcs11Uri.parse((String) uri)));
      } catch (UsageException | java.nio.file.InvalidPathException e) {
        throw unreadable("token " + Untrusted.quote(uri) + " is not a pkcs11: URI");
      }
    }
    return out;
  }

  private KeysException unreadable(String why) {
    return new KeysException(
        file
            + " cannot be read ("
            + why
            + "): repair it, or move it away (keys then finds"
            + " keys on the tokens it names only when told the module, until it makes a key on a token again)",
        ExitCode.FAILURE);
  }

  /**
   * Records that {@code token} (its attributes, no object) is reached through {@code module}; once.
   */
  @SuppressWarnings("try") // the lock is held for the whole block and never read
  public void remember(Path module, Pkcs11Uri token) throws KeysException {
    Token t = new Token(module.toAbsolutePath().normalize(), token.withoutQuery());
    try (Held held = locker.lock()) {
      List<Token> all = new ArrayList<>(read());
      if (all.contains(t)) {
        return;
      }
      all.add(t);
      List<Object> tokens = new ArrayList<>();
      for (Token x : all) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", x.module().toString());
        m.put("token", x.uri().toString());
        tokens.add(m);
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("version", VERSION);
      doc.put("tokens", tokens);
      AtomicWrite.write(
          file, JsonWriter.pretty(doc).getBytes(StandardCharsets.UTF_8), AtomicWrite.PRIVATE);
    }
  }
}
