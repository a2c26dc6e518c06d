package dev.trustkeys.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * tuf → metadata, core; registry → core; notary → registry, tuf, metadata, core; ceremony → notary,
 * tuf, tuf1, metadata, core. None of them knows a back end or the CLI (the ceremony is given the
 * back ends' attestation checks through core.KeyAttestations).
 */
class LayeringTest {
  static final Map<String, List<String>> ALLOWED =
      Map.of(
          "tuf", List.of("dev.trustkeys.core", "dev.trustkeys.metadata", "dev.trustkeys.tuf"),
          "registry", List.of("dev.trustkeys.core", "dev.trustkeys.registry"),
          "notary",
              List.of(
                  "dev.trustkeys.core",
                  "dev.trustkeys.metadata",
                  "dev.trustkeys.tuf",
                  "dev.trustkeys.notary",
                  "dev.trustkeys.registry"),
          "ceremony",
              List.of(
                  "dev.trustkeys.core",
                  "dev.trustkeys.metadata",
                  "dev.trustkeys.tuf",
                  "dev.trustkeys.notary",
                  "dev.trustkeys.tuf1",
                  "dev.trustkeys.ceremony"));
  static final Pattern REF = Pattern.compile("\\bdev\\.trustkeys\\.([a-z][a-z0-9]*)");

  @Test
  void packages_dependOnlyDownwards() throws Exception {
    List<String> violations = new ArrayList<>();
    int files = 0;
    for (Map.Entry<String, List<String>> e : ALLOWED.entrySet()) {
      Path dir = Path.of("src/main/java/dev/trustkeys", e.getKey());
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
          files++;
          Matcher m = REF.matcher(Files.readString(f));
          while (m.find()) {
            String pkg = "dev.trustkeys." + m.group(1);
            if (!e.getValue().contains(pkg)) {
              violations.add(f + " uses " + pkg);
            }
          }
        }
      }
    }
    assertTrue(files > 20, "scanned " + files + " files");
    assertEquals(List.of(), violations);
  }
}
