package dev.trustkeys.simulator.piv;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;

/** A private key held in a slot, with its policies and origin. Never printed. */
public final class SlotKey {
  public final KeyType type;
  public final PinPolicy pinPolicy;
  public final TouchPolicy touchPolicy;

  /**
   * True when the key was generated on the card (only such keys can be attested on firmware 4.3+).
   */
  public final boolean generated;

  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  public SlotKey(
      KeyType type, KeyPair pair, PinPolicy pinPolicy, TouchPolicy touchPolicy, boolean generated) {
    this.type = Objects.requireNonNull(type);
    this.privateKey = Objects.requireNonNull(pair.getPrivate());
    this.publicKey = Objects.requireNonNull(pair.getPublic());
    this.pinPolicy = Objects.requireNonNull(pinPolicy);
    this.touchPolicy = Objects.requireNonNull(touchPolicy);
    this.generated = generated;
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "SlotKey["
        + type
        + ", pin="
        + pinPolicy
        + ", touch="
        + touchPolicy
        + (generated ? ", generated" : ", imported")
        + "]";
  }
}
