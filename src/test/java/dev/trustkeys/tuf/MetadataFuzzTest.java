package dev.trustkeys.tuf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Map;

/**
 * Fuzzes the metadata readers: the JSON parser, canonical JSON, signed envelopes and the root,
 * targets and snapshot models, as {@code keys} reads them from a Notary server, the metadata cache
 * and ceremony files. Only {@link MetadataException} is an acceptable failure; and whatever parses
 * must re-encode canonically to bytes that parse back to the same canonical form.
 */
class MetadataFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void metadataReaders_throwOnlyMetadataException_andCanonicalFormIsStable(byte[] data)
      throws Exception {
    fuzzerTestOneInput(data);
  }

  /**
   * The entry point of the stand-alone fuzzer ({@code com.code_intelligence.jazzer.Jazzer
   * --target_class}).
   */
  public static void fuzzerTestOneInput(byte[] data) throws Exception {
    try {
      Object parsed = Json.parse(data);
      byte[] canonical = Json.canonical(parsed);
      byte[] again = Json.canonical(Json.parse(canonical));
      if (!Arrays.equals(canonical, again)) {
        throw new IllegalStateException(
            "canonical JSON is not stable: " + new String(canonical) + " vs " + new String(again));
      }
      Signed s = Signed.parse(data);
      s.canonicalSigned();
      Map<String, Object> signed = s.signed();
      switch (String.valueOf(signed.get("_type"))) {
        case "Root" -> Root.fromJson(signed);
        case "Targets" -> Targets.fromJson(signed);
        case "Snapshot" -> Snapshot.fromJson(signed);
        default -> {
          Root.fromJson(signed);
        }
      }
    } catch (MetadataException e) {
      // the readers' documented refusal
    }
  }
}
