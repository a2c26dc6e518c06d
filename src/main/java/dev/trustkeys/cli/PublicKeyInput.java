package dev.trustkeys.cli;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.Untrusted;
import dev.trustkeys.core.io.InputFiles;
import dev.trustkeys.core.io.IoErrors;
import dev.trustkeys.tuf.PublicKeyPem;
import dev.trustkeys.tuf.TufKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The public keys {@code --key} names: a PEM file ({@code PUBLIC KEY}, such as {@code docker trust
 * key generate} writes, or a {@code CERTIFICATE}), or a key held here by its ID (7+ characters) or
 * {@code pkcs11:} URI, which may be a file key (its passphrase is asked to read it), a YubiKey's or
 * a token's.
 */
final class PublicKeyInput {
  private PublicKeyInput() {}

  static List<TufKey> resolve(Context ctx, List<String> given) throws KeysException {
    List<TufKey> out = new ArrayList<>();
    for (String g : given) {
      TufKey k = resolve(ctx, g);
      if (!out.contains(k)) {
        out.add(k);
      }
    }
    return out;
  }

  static TufKey resolve(Context ctx, String given) throws KeysException {
    Path p = Path.of(given);
    boolean keyRef = given.startsWith("pkcs11:") || isIdPrefix(given);
    if (Files.exists(p) || !keyRef) {
      byte[] bytes;
      try {
        bytes = InputFiles.read(p, PublicKeyPem.MAX_BYTES);
      } catch (IOException e) {
        throw IoErrors.cannotReadNamed(Untrusted.quote(given), e);
      }
      try {
        return PublicKeyPem.parse(bytes, ctx.clock().instant());
      } catch (KeysException e) {
        throw new KeysException(
            "could not parse a public key from " + Untrusted.quote(given) + ": " + e.getMessage(),
            ExitCode.USAGE);
      }
    }
    Keyring.Located l;
    try {
      l = ctx.locateToUse(given);
    } catch (KeysException e) {
      if (e.exitCode() != ExitCode.NOT_FOUND) {
        throw e;
      }
      throw new KeysException(
          "no public key file and no key here named "
              + Untrusted.quote(given)
              + " ("
              + e.getMessage()
              + ")",
          ExitCode.NOT_FOUND,
          e);
    }
    try (Signer s = l.signer()) {
      return TufKey.forPublicKey(s.publicKey());
    }
  }

  /** 7 to 64 hexadecimal characters: a key ID or a prefix of one. */
  private static boolean isIdPrefix(String s) {
    if (s.length() < dev.trustkeys.core.KeyId.MIN_PREFIX || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
