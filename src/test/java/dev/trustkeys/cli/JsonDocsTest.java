package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command with --json has its shape in docs/json.md, and the listing and status commands all have --json. */
class JsonDocsTest {
  @Test
  void everyJsonOption_isDocumented() throws Exception {
    String doc = Files.readString(Path.of("docs/json.md"));
    List<String> missing = new ArrayList<>();
    List<String> withJson = new ArrayList<>();
    for (CommandLine c : Extras.all(Extras.commandLine())) {
      if (c.getCommandSpec().findOption("--json") != null) {
        String name = c.getCommandSpec().qualifiedName();
        withJson.add(name);
        if (!doc.contains("## `" + name + " ") && !doc.contains("## `" + name + "`")) {
          missing.add(name);
        }
      }
    }
    assertEquals(List.of(), missing, "commands with --json but no section in docs/json.md");
    for (String listing : List.of("keys list", "keys tokens", "keys status", "keys verify", "keys doctor",
        "keys ceremony status", "keys ceremony verify")) {
      assertTrue(withJson.contains(listing), listing + " has no --json: " + withJson);
    }
  }
}
