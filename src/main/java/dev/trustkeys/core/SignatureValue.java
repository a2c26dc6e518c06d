package dev.trustkeys.core;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A signature as a back end produced it, before any metadata dialect encodes it: the algorithm and
 * the bytes (ECDSA as r||s). Signatures are public: {@link #toString()} shows the bytes in hex.
 */
public final class SignatureValue {
  private final SignatureAlgorithm algorithm;
  private final byte[] value;

  public SignatureValue(SignatureAlgorithm algorithm, byte[] value) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.value = value.clone();
  }

  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  public byte[] value() {
    return value.clone();
  }

  /** Whether this is a valid signature of {@code message} by {@code key}. */
  public boolean verify(PublicKey key, byte[] message) {
    return algorithm.verify(key, message, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignatureValue
        && ((SignatureValue) o).algorithm == algorithm
        && Arrays.equals(((SignatureValue) o).value, value);
  }

  @Override
  public int hashCode() {
    return algorithm.hashCode() * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "SignatureValue[" + algorithm + ", " + HexFormat.of().formatHex(value) + "]";
  }
}
