package dev.trustkeys.tuf;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Expiry times as Notary writes them (RFC 3339) and its default lifetimes. */
public final class Expiry {
  /** {@code notary.NotaryRootExpiry}: 10 years of 365 days. */
  public static final Duration ROOT = Duration.ofDays(3650);

  /** Targets and snapshot: 3 years. */
  public static final Duration TARGETS = Duration.ofDays(3 * 365);

  public static final Duration SNAPSHOT = Duration.ofDays(3 * 365);

  /** Root certificates: {@code notary.Year*10}. */
  public static final Duration CERTIFICATE = Duration.ofDays(3650);

  private Expiry() {}

  /**
   * RFC 3339 in UTC as Go's {@code time.RFC3339Nano} writes it: the fraction without trailing
   * zeros.
   */
  public static String format(Instant t) {
    String base = t.truncatedTo(ChronoUnit.SECONDS).toString();
    int nanos = t.getNano();
    if (nanos == 0) {
      return base;
    }
    String frac = String.format("%09d", nanos).replaceAll("0+$", "");
    return base.substring(0, base.length() - 1) + "." + frac + "Z";
  }

  public static Instant parse(String s) throws MetadataException {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new MetadataException("not an RFC 3339 time: " + dev.trustkeys.core.Untrusted.quote(s));
    }
  }
}
