package dev.trustkeys.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Key algorithms {@code keys} can create and use. */
public enum Algorithm {
  ECDSA_P256("ecdsa", 256),
  RSA_2048("rsa2048", 2048),
  RSA_4096("rsa4096", 4096),
  ED25519("ed25519", 256);

  private final String cliName;
  private final int bits;

  Algorithm(String cliName, int bits) {
    this.cliName = cliName;
    this.bits = bits;
  }

  /** The name used on the command line and in JSON output: ecdsa, rsa2048, rsa4096, ed25519. */
  public String cliName() {
    return cliName;
  }

  public int bits() {
    return bits;
  }

  public static Algorithm fromCliName(String name) throws UsageException {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("rsa")) {
      return RSA_2048;
    }
    if (n.equals("ecdsa-p256") || n.equals("p256")) {
      return ECDSA_P256;
    }
    for (Algorithm a : values()) {
      if (a.cliName.equals(n)) {
        return a;
      }
    }
    throw new UsageException(
        "unknown algorithm '"
            + name
            + "': use one of "
            + Arrays.stream(values()).map(Algorithm::cliName).collect(Collectors.joining(", ")));
  }
}
