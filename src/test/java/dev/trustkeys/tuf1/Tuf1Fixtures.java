package dev.trustkeys.tuf1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The real TUF 1.0 repositories of src/test/resources/tuf-compatibility (see the NOTICE there). */
final class Tuf1Fixtures {
  static final Path ROOT = Path.of("src/test/resources/tuf-compatibility");
  static final Path SIGSTORE = ROOT.resolve("sigstore-root-signing");
  static final Path TUF_ON_CI = ROOT.resolve("tuf-on-ci-0.11");
  static final Path PYTHON_TUF = ROOT.resolve("python-tuf-repository_data");

  private Tuf1Fixtures() {}

  static List<Path> repositories() {
    return List.of(SIGSTORE, TUF_ON_CI, PYTHON_TUF);
  }

  /** Every metadata file of every fixture (initial roots included). */
  static List<Path> metadataFiles() {
    try (Stream<Path> s = Files.walk(ROOT)) {
      return s.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("/targets/"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The time a fixture was recorded at ({@code faketime}: "2025-02-09 12:02:08+00:00"), or null.
   */
  static Instant faketime(Path repo) {
    Path f = repo.resolve("faketime");
    if (!Files.exists(f)) {
      return null;
    }
    try {
      return OffsetDateTime.parse(
              Files.readString(f).trim(), DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssXXX"))
          .toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
