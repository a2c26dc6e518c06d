package dev.trustkeys.tuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    // U+1F600 is F0 9F.. in UTF-8 and sorts after U+FFFF (EF BF BF), although its UTF-16 form sorts before
    assertEquals("{\"B\":3,\"a\":4,\"\uffff\":1,\"\ud83d\ude00\":2}", Json.canonicalString(m));
  }

  @Test
  void canonical_refusesFloats() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.canonical(List.of(new BigDecimal("1.5"))));
    assertEquals(true, e.getMessage().contains("1.5"));
    assertEquals("[2]", Json.canonicalString(List.of(new BigDecimal("2"))));
  }

  @Test
  void parse_rejectsMalformedInput() {
    for (String bad : List.of("{", "{\"a\":1,}", "[1 2]", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "\"\\q\"", "tru")) {
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
    // found by MetadataFuzzTest: "8.423" parsed, then canonical() threw IllegalArgumentException (an internal error)
    for (String n : List.of("8.423", "1e999999999", "-0.0", "2E3", "{\"version\": 1.5}")) {
      MetadataException e = assertThrows(MetadataException.class, () -> Json.parse(n), n);
      assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
    }
  }
}
