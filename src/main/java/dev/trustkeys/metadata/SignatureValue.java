package dev.trustkeys.metadata;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Signer;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A signature as a back end produced it, before any dialect encodes it: the algorithm and the bytes (ECDSA as
 * r||s). Signatures are public: {@link #toString()} shows the bytes in hex.
 */
public final class SignatureValue {
  private final SignatureAlgorithm algorithm;
  private final byte[] value;

  public SignatureValue(SignatureAlgorithm algorithm, byte[] value) {
    this.algorithm = java.util.Objects.requireNonNull(algorithm, "algorithm");
    this.value = value.clone();
  }

  /** Signs {@code message} (a dialect's canonical bytes) with {@code signer}. */
  public static SignatureValue sign(Signer signer, byte[] message) throws KeysException {
    return new SignatureValue(SignatureAlgorithm.ofSignerMethod(signer.method()), signer.sign(message));
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
