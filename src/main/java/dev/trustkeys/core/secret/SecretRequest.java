package dev.trustkeys.core.secret;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.Role;
import java.util.OptionalInt;

/**
 * What is being asked for, so that a prompt can say exactly what is wanted and an environment
 * lookup can pick the right variable.
 *
 * @param kind a new passphrase (asked twice), an existing one, or a PIN
 * @param keyId the key concerned, or null (PINs)
 * @param role the key's role, used to choose environment variables (root vs repository vs
 *     delegation)
 * @param subject a readable subject for a PIN prompt ("YubiKey 12345678", "token SoftHSM-test"), or
 *     empty
 * @param attempt 1 for the first ask, 2 after one wrong answer, ...
 * @param triesLeft what the token reports, if it reports it
 * @param gun the repository a key belongs to ("" for root keys and PINs, or when unknown), for the
 *     prompt
 */
public record SecretRequest(
    Kind kind,
    KeyId keyId,
    Role role,
    String subject,
    int attempt,
    OptionalInt triesLeft,
    String gun) {

  public SecretRequest {
    gun = gun == null ? "" : gun;
  }

  /** Without a GUN (kept for callers written before it was added). */
  public SecretRequest(
      Kind kind, KeyId keyId, Role role, String subject, int attempt, OptionalInt triesLeft) {
    this(kind, keyId, role, subject, attempt, triesLeft, "");
  }

  /** What sort of secret. */
  public enum Kind {
    NEW_PASSPHRASE,
    PASSPHRASE,
    PIN,
    PUK,
    MANAGEMENT_KEY
  }

  public static SecretRequest newPassphrase(KeyId id, Role role) {
    return new SecretRequest(Kind.NEW_PASSPHRASE, id, role, "", 1, OptionalInt.empty());
  }

  public static SecretRequest passphrase(KeyId id, Role role, int attempt) {
    return new SecretRequest(Kind.PASSPHRASE, id, role, "", attempt, OptionalInt.empty());
  }

  /** A new passphrase for a key of repository {@code gun}. */
  public static SecretRequest newPassphrase(KeyId id, Role role, String gun) {
    return new SecretRequest(Kind.NEW_PASSPHRASE, id, role, "", 1, OptionalInt.empty(), gun);
  }

  /** The passphrase of a key of repository {@code gun}. */
  public static SecretRequest passphrase(KeyId id, Role role, String gun, int attempt) {
    return new SecretRequest(Kind.PASSPHRASE, id, role, "", attempt, OptionalInt.empty(), gun);
  }

  public static SecretRequest pin(String subject, OptionalInt triesLeft) {
    return new SecretRequest(Kind.PIN, null, null, subject, 1, triesLeft);
  }

  public boolean isPassphrase() {
    return kind == Kind.NEW_PASSPHRASE || kind == Kind.PASSPHRASE;
  }
}
