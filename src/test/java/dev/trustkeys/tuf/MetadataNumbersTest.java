package dev.trustkeys.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Thresholds, versions and lengths from metadata are range-checked when read: a number that does
 * not fit is an error naming the field and the number, never silently cut (a threshold of
 * 4294967297 used to become 1).
 */
class MetadataNumbersTest {
  static final String KEY =
      "{\"keytype\":\"ed25519\",\"keyval\":{\"private\":null,"
          + "\"public\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}}";
  static final String KEY_ID = TufKey.of("ed25519", new byte[32]).id().hex();

  static String root(String version, String threshold) {
    String role = "{\"keyids\":[\"" + KEY_ID + "\"],\"threshold\":" + threshold + "}";
    return "{\"_type\":\"Root\",\"consistent_snapshot\":false,\"expires\":\"2030-01-01T00:00:00Z\","
        + "\"keys\":{\""
        + KEY_ID
        + "\":"
        + KEY
        + "},\"roles\":{\"root\":"
        + role
        + ",\"targets\":"
        + role
        + ",\"snapshot\":"
        + role
        + ",\"timestamp\":"
        + role
        + "},\"version\":"
        + version
        + "}";
  }

  static Root parseRoot(String json) throws MetadataException {
    return Root.fromJson(Json.parseObject(json.getBytes(StandardCharsets.UTF_8)));
  }

  static MetadataException refused(ThrowingRunnable r) {
    return assertThrows(MetadataException.class, r::run);
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void rootThreshold_thatDoesNotFitAnInt_isRefused_notCut() throws Exception {
    assertEquals(1, parseRoot(root("1", "1")).role("root").threshold());
    for (String t : List.of("4294967297", "2147483648", "-4294967295", "99999999999999999999999")) {
      MetadataException e = refused(() -> parseRoot(root("1", t)));
      assertTrue(
          e.getMessage().contains("threshold") && e.getMessage().contains(t), e.getMessage());
    }
    MetadataException zero = refused(() -> parseRoot(root("1", "0")));
    assertTrue(zero.getMessage().contains("at least 1"), zero.getMessage());
  }

  @Test
  void versions_outOfRange_areRefused() {
    for (String v : List.of("0", "-1", "9223372036854775808", "18446744073709551617")) {
      MetadataException e = refused(() -> parseRoot(root(v, "1")));
      assertTrue(e.getMessage().contains("version") && e.getMessage().contains(v), e.getMessage());
    }
    for (String type : List.of("Snapshot", "Timestamp")) {
      MetadataException e =
          refused(
              () ->
                  Snapshot.fromJson(
                      Json.parseObject(
                          ("{\"_type\":\""
                                  + type
                                  + "\",\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{},\"version\":-3}")
                              .getBytes(StandardCharsets.UTF_8))));
      assertTrue(
          e.getMessage().contains("version") && e.getMessage().contains("-3"), e.getMessage());
    }
    MetadataException t =
        refused(
            () ->
                Targets.fromJson(
                    Json.parseObject(
                        ("{\"_type\":\"Targets\","
                                + "\"expires\":\"2030-01-01T00:00:00Z\",\"targets\":{},\"version\":-1}")
                            .getBytes(StandardCharsets.UTF_8))));
    assertTrue(t.getMessage().contains("version") && t.getMessage().contains("-1"), t.getMessage());
  }

  @Test
  void lengthsAndDelegationThresholds_outOfRange_areRefused() {
    for (String len : List.of("-1", "9223372036854775808")) {
      MetadataException e =
          refused(
              () ->
                  Snapshot.fromJson(
                      Json.parseObject(
                          ("{\"_type\":\"Snapshot\","
                                  + "\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{\"root\":{\"hashes\":{},\"length\":"
                                  + len
                                  + "}},"
                                  + "\"version\":1}")
                              .getBytes(StandardCharsets.UTF_8))));
      assertTrue(e.getMessage().contains("length") && e.getMessage().contains(len), e.getMessage());
    }
    MetadataException d =
        refused(
            () ->
                Targets.fromJson(
                    Json.parseObject(
                        ("{\"_type\":\"Targets\","
                                + "\"delegations\":{\"keys\":{},\"roles\":[{\"keyids\":[],\"name\":\"targets/x\",\"paths\":[],"
                                + "\"threshold\":4294967297}]},\"expires\":\"2030-01-01T00:00:00Z\",\"targets\":{},\"version\":1}")
                            .getBytes(StandardCharsets.UTF_8))));
    assertTrue(
        d.getMessage().contains("threshold") && d.getMessage().contains("4294967297"),
        d.getMessage());
  }
}
