package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.json.JsonReader;
import dev.trustkeys.testing.KeysCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * docs/json.md is the contract for scripts: every command with --json has a section there, the
 * listing and status commands all have --json, and what the commands that need neither a device, a
 * server nor metadata print ({@code list}, {@code doctor}) has the documented shape: the same
 * fields, in the documented order, with the same kinds of values (a documented {@code null} stands
 * for "may be null").
 */
class JsonDocsTest {
  private static final Pattern SECTION =
      Pattern.compile("## `(keys [^`]*?) --json`\\n.*?```json\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path tmp;

  @AfterEach
  void clearIterations() {
    System.clearProperty("keys.kdf.iterations");
  }

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
    for (String listing :
        List.of(
            "keys list",
            "keys tokens",
            "keys status",
            "keys verify",
            "keys doctor",
            "keys ceremony status",
            "keys ceremony verify")) {
      assertTrue(withJson.contains(listing), listing + " has no --json: " + withJson);
    }
  }

  @Test
  void listAndDoctor_printTheDocumentedShapes() throws Exception {
    Map<String, Object> documented = documentedExamples();
    System.setProperty("keys.kdf.iterations", "2048");
    KeysCli keys =
        new KeysCli(
            tmp.resolve("trust"),
            Map.of(
                "NOTARY_ROOT_PASSPHRASE",
                "root-passphrase",
                "NOTARY_TARGETS_PASSPHRASE",
                "targets-passphrase",
                "NOTARY_SNAPSHOT_PASSPHRASE",
                "snapshot-passphrase"));
    assertEquals(0, keys.run("init", "example.com/app").exit());
    Files.writeString(
        tmp.resolve("trust/private/notes.txt"), "not a key"); // one "unreadable" entry
    Map<String, String[]> commands = new LinkedHashMap<>();
    commands.put("keys list", new String[] {"list", "--json"});
    commands.put("keys doctor", new String[] {"doctor", "--json"});
    for (Map.Entry<String, String[]> c : commands.entrySet()) {
      KeysCli.Result r = keys.run(c.getValue());
      assertTrue(r.out().startsWith("{"), c.getKey() + " --json printed no JSON: " + r);
      Object actual = JsonReader.parse(r.out());
      List<String> differences = new ArrayList<>();
      compare(c.getKey(), documented.get(c.getKey()), actual, differences);
      assertEquals(
          List.of(), differences, c.getKey() + " --json against docs/json.md:\n" + r.out());
    }
  }

  private static Map<String, Object> documentedExamples() throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    Matcher m = SECTION.matcher(Files.readString(Path.of("docs/json.md")));
    while (m.find()) {
      out.put(m.group(1), JsonReader.parse(m.group(2)));
    }
    return out;
  }

  /** Adds to {@code out} where {@code actual} leaves the documented shape at {@code path}. */
  @SuppressWarnings("unchecked")
  private static void compare(String path, Object documented, Object actual, List<String> out) {
    if (documented == null || actual == null) {
      return; // a documented null: the field may be null (or anything); an actual null: checked by
      // the doc's prose
    }
    if (documented instanceof Map) {
      if (!(actual instanceof Map)) {
        out.add(path + ": an object in the doc, " + kind(actual) + " in the output");
        return;
      }
      Map<String, Object> d = (Map<String, Object>) documented;
      Map<String, Object> a = (Map<String, Object>) actual;
      if (!new ArrayList<>(d.keySet()).equals(new ArrayList<>(a.keySet()))) {
        out.add(path + ": fields " + a.keySet() + ", documented " + d.keySet());
      }
      for (Map.Entry<String, Object> e : d.entrySet()) {
        if (a.containsKey(e.getKey())) {
          compare(path + "." + e.getKey(), e.getValue(), a.get(e.getKey()), out);
        }
      }
    } else if (documented instanceof List) {
      if (!(actual instanceof List)) {
        out.add(path + ": an array in the doc, " + kind(actual) + " in the output");
        return;
      }
      List<Object> d = (List<Object>) documented;
      if (!d.isEmpty()) {
        for (Object element : (List<Object>) actual) {
          compare(path + "[]", d.get(0), element, out);
        }
      }
    } else if (!kind(documented).equals(kind(actual))) {
      out.add(path + ": " + kind(documented) + " in the doc, " + kind(actual) + " in the output");
    }
  }

  private static String kind(Object v) {
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }
}
