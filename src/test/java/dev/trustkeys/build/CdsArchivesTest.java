package dev.trustkeys.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code java} the build dumps the CDS archives with: the one bin/keys will start. */
class CdsArchivesTest {
  @TempDir Path tmp;

  private Path java(String dir, String permissions) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(dir));
    Path java = d.resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString(permissions));
    return java;
  }

  @Test
  void theFirstExecutableJavaOnThePath_asTheShellFindsIt() throws IOException {
    Path fallback = Path.of("/nonexistent/jdk/bin/java");
    java("a", "rw-r--r--"); // not executable: the shell passes it by
    Files.createDirectories(tmp.resolve("b")); // no java
    Path c = java("c", "rwxr-xr-x");
    java("d", "rwxr-xr-x"); // behind c
    String path = String.join(File.pathSeparator, tmp + "/a", tmp + "/b", tmp + "/c", tmp + "/d");
    assertEquals(c, CdsArchives.runtimeJava(path, fallback));
  }

  @Test
  void noJavaOnThePath_theBuildsOwn() throws IOException {
    Path fallback = Path.of("/nonexistent/jdk/bin/java");
    Files.createDirectories(tmp.resolve("empty"));
    assertEquals(fallback, CdsArchives.runtimeJava(tmp + "/empty", fallback));
    assertEquals(fallback, CdsArchives.runtimeJava(null, fallback));
  }
}
