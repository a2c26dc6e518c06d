package dev.trustkeys.build;

import com.sun.jna.Platform;
import dev.trustkeys.core.io.Jna;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Not for users, and not in {@code keys.jar}: the build runs this at package time (keys.xml,
 * execution {@code jna-native-library}) to copy JNA's native part for this machine out of the JNA
 * jar keys runs with, into {@code target/native/}. {@code bin/keys} points JNA there ({@code
 * -Djna.boot.library.path}), so no command extracts the library into a temporary directory first:
 * that extraction (a new private directory, the file written and deleted) was about 25 ms of CPU of
 * every command that turns core dumps off (docs/performance.md). The file comes from the same jar
 * as the classes that load it; JNA refuses a library of another version. A platform JNA has no
 * library for gets no directory, and JNA then extracts as before.
 *
 * <p>{@code JnaNativeLibrary TARGET_DIRECTORY}
 */
public final class JnaNativeLibrary {
  private JnaNativeLibrary() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0], "native");
    String name = Jna.nativeLibraryName();
    String resource = "com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + name;
    try (InputStream in = Platform.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        System.err.println(
            "keys build: JNA has no native library for "
                + Platform.RESOURCE_PREFIX
                + ": keys extracts it at run time");
        return;
      }
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, name, ".tmp");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
