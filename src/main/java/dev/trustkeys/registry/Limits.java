package dev.trustkeys.registry;

/** Response size limits, as Notary's client sets them (storage/httpstore.go, const.go). */
public final class Limits {
  /** Timestamp metadata: 1 MiB. */
  public static final long TIMESTAMP = 1L << 20;

  /**
   * Any other metadata whose length is not known beforehand (root, and versions of it): 100 MiB.
   */
  public static final long METADATA = 100L << 20;

  /** A server-managed key: 256 KiB. */
  public static final long KEY = 256L << 10;

  /** Token server answers: 1 MiB. */
  public static final long TOKEN = 1L << 20;

  /** Error bodies are read up to this much and the rest ignored: 64 KiB. */
  public static final long ERROR = 64L << 10;

  private Limits() {}

  static String describe(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }
}
