package dev.trustkeys.tuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void canonical_sortsKeysAndDropsWhitespace() throws Exception {
    Object v = Json.parse("{ \"b\" : [1, 2, {\"z\":true, \"a\":null}], \"a\": \"x\" }");
    assertEquals("{\"a\":\"x\",\"b\":[1,2,{\"a\":null,\"z\":true}]}", Json.canonicalString(v));
  }

  @Test
  void canonical_escapesOnlyQuoteAndBackslash() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "a\"b\\c\n<&>\u00e9\u0001");
    byte[] out = Json.canonical(m);
    byte[] expected = ("{\"s\":\"a\\\"b\\\\c\n<&>\u00e9\u0001\"}").getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(expected, out);
    assertEquals(m, Json.parse(out));
  }

  @Test
  void canonical_sortsByUtf8Bytes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("\uffff", 1L);
    m.put("\ud83d\ude00", 2L);
    m.put("B", 3L);
    m.put("a", 4L);
    // U+1F600 is F0 9F.. in UTF-8 and sorts after U+FFFF (EF BF BF), although its UTF-16 form sorts
    // before
    assertEquals("{\"B\":3,\"a\":4,\"\uffff\":1,\"\ud83d\ude00\":2}", Json.canonicalString(m));
  }

  @Test
  void canonical_refusesFloats() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Json.canonical(List.of(new BigDecimal("1.5"))));
    assertEquals(true, e.getMessage().contains("1.5"));
    assertEquals("[2]", Json.canonicalString(List.of(new BigDecimal("2"))));
  }

  @Test
  void parse_rejectsMalformedInput() {
    for (String bad :
        List.of("{", "{\"a\":1,}", "[1 2]", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "\"\\q\"", "tru")) {
      assertThrows(MetadataException.class, () -> Json.parse(bad), bad);
    }
  }

  @Test
  void parse_decodesEscapes() throws Exception {
    assertEquals("a/\u00e9\n\"", Json.parse("\"a\\/\\u00e9\\n\\\"\""));
    assertEquals(-12L, Json.parse("-12"));
    assertEquals(Arrays.asList(true, false, null), Json.parse("[true,false,null]"));
  }

  @Test
  void parse_refusesDecimalsAndExponents_withMetadataException() {
    // found by MetadataFuzzTest: "8.423" parsed, then canonical() threw IllegalArgumentException
    // (an internal error)
    for (String n : List.of("8.423", "1e999999999", "-0.0", "2E3", "{\"version\": 1.5}")) {
      MetadataException e = assertThrows(MetadataException.class, () -> Json.parse(n), n);
      assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
    }
  }

  @Test
  void canonical_refusesStringsThatAreNotUnicode_soTwoDocumentsNeverShareOneSignature() {
    // a lone surrogate used to be written as '?': {"s":"\ud800"} and {"s":"?"} had the same
    // canonical bytes
    for (String bad : List.of("\ud800", "a\udc00b", "\ude00\ud83d")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Json.canonical(Map.of("s", bad)), bad);
      assertTrue(e.getMessage().contains("not valid Unicode"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Json.canonical(Map.of(bad, 1L)), bad);
    }
    assertEquals("{\"s\":\"?\"}", Json.canonicalString(Map.of("s", "?")));
    assertEquals("{\"s\":\"\ud83d\ude00\"}", Json.canonicalString(Map.of("s", "\ud83d\ude00")));
  }

  @Test
  void parse_refusesLoneSurrogateEscapes_inValuesAndKeys() {
    for (String bad :
        List.of("{\"s\":\"\\ud800\"}", "{\"\\udc00\":1}", "[\"x\\ud83d\"]", "\"\\ude00\\ud83d\"")) {
      MetadataException e = assertThrows(MetadataException.class, () -> Json.parse(bad), bad);
      assertTrue(e.getMessage().contains("not valid Unicode"), e.getMessage());
    }
    assertEquals("\ud83d\ude00", assertDoesNotThrow(() -> Json.parse("\"\\ud83d\\ude00\"")));
  }

  @Test
  void parse_refusesBytesThatAreNotUtf8() {
    // each used to become U+FFFD, so different files read as the same document
    byte[][] bad = {
      {'"', (byte) 0xff, '"'},
      {'"', (byte) 0xc0, (byte) 0xaf, '"'},
      {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'},
      {'"', (byte) 0xe2, (byte) 0x82, '"'},
    };
    for (byte[] b : bad) {
      MetadataException e =
          assertThrows(MetadataException.class, () -> Json.parse(b), Arrays.toString(b));
      assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }
    assertEquals(
        "\u00e9",
        assertDoesNotThrow(() -> Json.parse("\"\u00e9\"".getBytes(StandardCharsets.UTF_8))));
  }
}
