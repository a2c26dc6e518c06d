package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.Signatures;
import dev.trustkeys.core.Signer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;

/**
 * Signs on the YubiKey: SHA-256 on the host, ECDSA on the card, checked against the public key, raw
 * r||s.
 */
final class YubiKeySigner implements Signer {
  private final KeyInfo info;
  private final PublicKey publicKey;
  private final Slot slot;
  private final PinPolicy pin;
  private final TouchPolicy touch;
  private final YubiKeyBackend backend;

  YubiKeySigner(
      KeyInfo info,
      PublicKey publicKey,
      Slot slot,
      PinPolicy pin,
      TouchPolicy touch,
      YubiKeyBackend backend) {
    this.info = info;
    this.publicKey = publicKey;
    this.slot = slot;
    this.pin = pin;
    this.touch = touch;
    this.backend = backend;
  }

  @Override
  public KeyInfo key() {
    return info;
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.ECDSA_P256_SHA256;
  }

  @Override
  public SignatureValue sign(byte[] message) throws KeysException {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] raw;
    try {
      raw = Signatures.p256DerToRaw(backend.sign(slot, pin, touch, digest));
    } catch (java.security.SignatureException e) {
      throw new YubiKeyException(
          "the YubiKey answered slot "
              + slot.hex()
              + "'s signing with a malformed signature ("
              + e.getMessage()
              + "): try again, and replace the device if it keeps happening");
    }
    if (!SignatureAlgorithm.ECDSA_P256_SHA256.verify(publicKey, message, raw)) {
      throw new YubiKeyException(
          "the signature from slot "
              + slot.hex()
              + " does not verify with "
              + info.label()
              + ": the key in the slot changed",
          dev.trustkeys.core.ExitCode.DEVICE,
          dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.LIST_KEYS_AGAIN));
    }
    return new SignatureValue(SignatureAlgorithm.ECDSA_P256_SHA256, raw);
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "YubiKeySigner[" + info.label() + ", slot " + slot.hex() + "]";
  }
}
