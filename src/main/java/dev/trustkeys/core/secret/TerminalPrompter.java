package dev.trustkeys.core.secret;

import dev.trustkeys.core.KeysException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Asks a person at the terminal, without echo, with Notary's prompt texts. New passphrases are
 * asked twice and must have at least {@value #MIN_LENGTH} characters; before a new root key the
 * long warning Notary prints is shown. With no terminal it has nothing to offer (the caller then
 * fails with one clear error).
 */
public final class TerminalPrompter implements SecretProvider {
  public static final int MIN_LENGTH = 8;
  private static final int MAX_NEW_TRIES = 3;

  /** A PIV management key as people type it (24 bytes, 3DES). */
  static final String MANAGEMENT_KEY_FORMAT = "48 hex digits";

  static final String ROOT_WARNING =
      "You are about to create a new root signing key passphrase. This passphrase\n"
          + "will be used to protect the most sensitive key in your signing system. Please\n"
          + "choose a long, complex passphrase and be careful to keep the password and the\n"
          + "key file itself secure and backed up. It is highly recommended that you use a\n"
          + "password manager to generate the passphrase and keep it safe. There will be no\n"
          + "way to recover this key. You can find the key in your config directory.";

  private final Terminal terminal;

  public TerminalPrompter(Terminal terminal) {
    this.terminal = terminal;
  }

  /** A person at a terminal can answer anything. */
  @Override
  public boolean canAnswer(SecretRequest request) {
    return terminal.interactive();
  }

  @Override
  public Optional<Secret> obtain(SecretRequest r) throws KeysException {
    if (!terminal.interactive()) {
      return Optional.empty();
    }
    switch (r.kind()) {
      case NEW_PASSPHRASE:
        return askNew(r);
      case PASSPHRASE:
        if (r.attempt() > 1) {
          terminal.say("Passphrase incorrect. Please retry.");
        }
        return read("Enter passphrase for " + subject(r) + ": ");
      default:
        int left = r.triesLeft().orElse(-1);
        String tries = left < 0 ? "" : " (" + left + (left == 1 ? " try" : " tries") + " left)";
        String what =
            r.kind() == SecretRequest.Kind.PIN
                ? "PIN"
                : r.kind() == SecretRequest.Kind.PUK
                    ? "PUK"
                    : "management key (" + MANAGEMENT_KEY_FORMAT + ")";
        return read("Enter the " + what + " for " + r.subject() + tries + ": ");
    }
  }

  private Optional<Secret> askNew(SecretRequest r) {
    if (r.role() != null && r.role().isRoot()) {
      terminal.say(ROOT_WARNING);
      terminal.say("");
    }
    for (int i = 0; i < MAX_NEW_TRIES; i++) {
      char[] first = terminal.readSecret("Enter passphrase for new " + subject(r) + ": ");
      if (first == null) {
        return Optional.empty();
      }
      if (first.length < MIN_LENGTH) {
        Arrays.fill(first, '\0');
        terminal.say(
            "Passphrase is too short. Please use a password manager to generate and store a good random passphrase.");
        continue;
      }
      char[] second = terminal.readSecret("Repeat passphrase for new " + subject(r) + ": ");
      if (second == null) {
        Arrays.fill(first, '\0');
        return Optional.empty();
      }
      boolean same = Arrays.equals(first, second);
      Arrays.fill(second, '\0');
      if (same) {
        return Optional.of(Secret.adopt(first, Secret.Origin.PROMPT));
      }
      Arrays.fill(first, '\0');
      terminal.say("Passphrases do not match. Please retry.");
    }
    return Optional.empty();
  }

  private Optional<Secret> read(String prompt) {
    char[] c = terminal.readSecret(prompt);
    return c == null ? Optional.empty() : Optional.of(Secret.adopt(c, Secret.Origin.PROMPT));
  }

  private static String subject(SecretRequest r) {
    String role = r.role() == null ? "" : r.role() + " ";
    String in = r.keyId() == null && !r.subject().isEmpty() ? " in " + r.subject() : "";
    return role
        + "key"
        + (r.keyId() == null ? "" : " with ID " + r.keyId().shortId())
        + in
        + (r.gun().isEmpty() ? "" : " (" + r.gun() + ")");
  }
}
