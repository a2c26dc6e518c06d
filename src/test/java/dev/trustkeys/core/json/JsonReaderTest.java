package dev.trustkeys.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JSON reader's limits on hostile input, and messages that echo no more than a bounded,
 * printable part.
 */
class JsonReaderTest {
  @Test
  void numbers_upToTheLimit_areRead() throws Exception {
    assertEquals(
        List.of(9223372036854775807L, -1L, new BigInteger("18446744073709551615")),
        JsonReader.parse("[9223372036854775807,-1,18446744073709551615]"));
    String longest = "1".repeat(JsonReader.MAX_NUMBER_LENGTH);
    assertEquals(new BigInteger(longest), JsonReader.parse(longest));
  }

  /**
   * 800,000 digits took 11-60 s of CPU in BigInteger and came back whole in the message: refused at
   * the limit.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void hugeNumber_isRefusedAtTheLimit_andNotEchoed() {
    String doc = "{\"version\": " + "7".repeat(800_000) + "}";
    JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.parse(doc));
    assertEquals("malformed JSON at offset 12: a number longer than 64 characters", e.getMessage());
    assertThrows(
        JsonSyntaxException.class,
        () -> JsonReader.parse("-" + "1".repeat(JsonReader.MAX_NUMBER_LENGTH)));
    assertThrows(JsonSyntaxException.class, () -> JsonReader.parse("1." + "0".repeat(800_000)));
  }

  @Test
  void echoedInput_isBoundedAndPrintable() {
    String key = "\u001b[2J" + "k".repeat(10_000);
    JsonSyntaxException dup =
        assertThrows(
            JsonSyntaxException.class,
            () -> JsonReader.parse("{\"" + key + "\":1,\"" + key + "\":2}"));
    assertTrue(dup.getMessage().length() < 200, dup.getMessage());
    assertTrue(dup.getMessage().contains("duplicate key '?[2Jkkk"), dup.getMessage());
    assertTrue(dup.getMessage().contains("(10004 characters)"), dup.getMessage());
    JsonSyntaxException ctl =
        assertThrows(JsonSyntaxException.class, () -> JsonReader.parse("[\u0007]"));
    assertEquals("malformed JSON at offset 1: unexpected character '?'", ctl.getMessage());
    JsonSyntaxException num =
        assertThrows(JsonSyntaxException.class, () -> JsonReader.parse("[1-2-3]"));
    assertEquals("malformed JSON at offset 1: bad number '1-2-3'", num.getMessage());
  }

  @Test
  void depth_isBounded() throws Exception {
    assertThrows(
        JsonSyntaxException.class, () -> JsonReader.parse("[".repeat(100) + "]".repeat(100)));
    assertEquals(Map.of(), JsonReader.parse("{}", 1));
  }
}
