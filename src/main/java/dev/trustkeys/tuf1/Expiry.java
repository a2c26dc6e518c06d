package dev.trustkeys.tuf1;

import dev.trustkeys.metadata.MetadataFormatException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * TUF 1.0 times: written as python-tuf writes them, {@code YYYY-MM-DDTHH:MM:SSZ} (UTC, whole
 * seconds). Read also as go-tuf's early files have them (RFC 3339 with fractions or an offset, as
 * in Sigstore's first roots), which {@link #isStrict} tells apart for a warning.
 */
public final class Expiry {
  private static final DateTimeFormatter WRITTEN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

  private Expiry() {}

  public static String format(Instant t) {
    return WRITTEN.format(t.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
  }

  public static Instant parse(String text) throws MetadataFormatException {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new MetadataFormatException(
          "expires '" + text + "' is not a time like 2030-01-31T12:00:00Z");
    }
  }

  /** Whether {@code text} has exactly the form the specification and python-tuf use. */
  public static boolean isStrict(String text) {
    if (text.length() != 20 || text.charAt(19) != 'Z') {
      return false;
    }
    try {
      return format(parse(text)).equals(text);
    } catch (MetadataFormatException e) {
      return false;
    }
  }
}
