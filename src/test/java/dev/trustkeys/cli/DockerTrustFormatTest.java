package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.notary.TrustInspector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parts of docker trust inspect's output a real repository rarely shows (DockerTrustCommandsIT
 * compares the common ones with the real Docker CLI): escapes as encoding/json writes them, omitted
 * empty fields, no repository.
 */
class DockerTrustFormatTest {
  static final TrustInspector.Report EMPTY =
      new TrustInspector.Report(
          "r",
          List.of(),
          List.of(new TrustInspector.SignerKeys("nokeys", List.of())),
          List.of("aa"),
          List.of());

  @Test
  void json_noRepositories_isAnEmptyArray() {
    assertEquals("[]\n", DockerTrustFormat.json(List.of()));
  }

  @Test
  void json_emptyKeyListsAreLeftOut_emptyTagListIsEmpty() {
    assertEquals(
        "[\n"
            + "    {\n"
            + "        \"Name\": \"x\\u003cy\\u003e\\u0026z\\\"\\\\\\u0001\\n\",\n"
            + "        \"SignedTags\": [],\n"
            + "        \"Signers\": [\n"
            + "            {\n"
            + "                \"Name\": \"nokeys\"\n"
            + "            }\n"
            + "        ],\n"
            + "        \"AdministrativeKeys\": [\n"
            + "            {\n"
            + "                \"Name\": \"Root\",\n"
            + "                \"Keys\": [\n"
            + "                    {\n"
            + "                        \"ID\": \"aa\"\n"
            + "                    }\n"
            + "                ]\n"
            + "            },\n"
            + "            {\n"
            + "                \"Name\": \"Repository\"\n"
            + "            }\n"
            + "        ]\n"
            + "    }\n"
            + "]\n",
        DockerTrustFormat.json(List.of(new DockerTrustFormat.Named("x<y>&z\"\\\u0001\n", EMPTY))));
    StringBuilder sb = new StringBuilder();
    DockerTrustFormat.string(sb, "<a>&\u2028\b\f\t\r\ud800é");
    assertEquals("\"\\u003ca\\u003e\\u0026\\u2028\\b\\f\\t\\r\\ufffdé\"", sb.toString());
  }

  @Test
  void pretty_tagsSignersAndKeys_asDockerAlignsThem() {
    TrustInspector.Report r =
        new TrustInspector.Report(
            "r",
            List.of(
                new TrustInspector.TagRow("1.0", "ab", List.of("zed", "alice")),
                new TrustInspector.TagRow("a-much-longer-tag", "cd", List.of())),
            List.of(
                new TrustInspector.SignerKeys("zed", List.of("f".repeat(64), "0".repeat(64))),
                new TrustInspector.SignerKeys("alice", List.of("1".repeat(64)))),
            List.of("bb", "aa"),
            List.of("cc"));
    assertEquals(
        "\nSignatures for repo\n\n"
            + "SIGNED TAG          DIGEST    SIGNERS\n"
            + "1.0                 ab        alice, zed\n"
            + "a-much-longer-tag   cd        (Repo Admin)\n"
            + "\nList of signers and their keys for repo\n\n"
            + "SIGNER    KEYS\n"
            + "alice     111111111111\n"
            + "zed       000000000000, ffffffffffff\n"
            + "\nAdministrative keys for repo\n\n"
            + "  Repository Key:\tcc\n"
            + "  Root Key:\taa, bb\n",
        DockerTrustFormat.pretty(new DockerTrustFormat.Named("repo", r)));
  }

  @Test
  void pretty_controlCharactersFromTheServer_becomeQuestionMarks() {
    TrustInspector.Report r =
        new TrustInspector.Report(
            "r",
            List.of(new TrustInspector.TagRow("a\u001b[2J\tb", "ab", List.of("x\ny"))),
            List.of(),
            List.of("aa"),
            List.of("bb"));
    String text = DockerTrustFormat.pretty(new DockerTrustFormat.Named("repo", r));
    assertTrue(text.contains("\na?[2J?b      ab        x?y\n"), text);
  }

  @Test
  void tabWriter_padsEveryCellButTheLast_evenEmptyOnes() {
    assertEquals(
        "ROLE    PATHS\n----    -----\nab      \n",
        TabWriter.format("ROLE\tPATHS\n----\t-----\nab\t\n", 4, 4));
  }
}
