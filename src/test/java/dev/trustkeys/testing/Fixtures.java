package dev.trustkeys.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Copies of the Notary compatibility fixtures (src/test/resources/notary-compatibility) into temp
 * dirs.
 */
public final class Fixtures {
  /**
   * The passphrase of the keys in fixture {@code name}. Their README says "randompass" for both,
   * but the 0.3 keys decrypt only with "password" (checked with openssl and with Debian's notary:
   * {@code NOTARY_ROOT_PASSPHRASE=password notary -d COPY key passwd f4eaf87...} succeeds,
   * "randompass" fails).
   */
  public static String passphrase(String name) {
    return name.equals("notary0.3") ? "password" : "randompass";
  }

  private Fixtures() {}

  public static Path source(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/notary-compatibility/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A private copy of fixture {@code name} (notary0.1 or notary0.3) under {@code dir}. */
  public static Path copy(String name, Path dir) {
    Path src = source(name);
    Path dst = dir.resolve(name);
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dst;
  }
}
