package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Signer;

/**
 * A recorded token whose module cannot be loaded now (uninstalled, moved, broken): listed as
 * absent, with why; anything else fails with that reason (exit 6 for a missing module).
 */
final class AbsentToken implements KeyBackend {
  private final TokenRecords.Token token;
  private final KeysException why;

  AbsentToken(TokenRecords.Token token, KeysException why) {
    this.token = token;
    this.why = why;
  }

  @Override
  public String describe() {
    return "token "
        + token.uri().token().map(l -> "'" + l + "'").orElse(token.uri().toString())
        + " in "
        + token.module()
        + " (not available)";
  }

  @Override
  public KeyListing list() {
    return KeyListing.absent(token.uri().toString(), why.getMessage());
  }

  @Override
  public KeyInfo generate(KeySpec spec) throws KeysException {
    throw failure();
  }

  @Override
  public Signer signer(KeyId id) throws KeysException {
    throw failure();
  }

  @Override
  public void remove(KeyId id) throws KeysException {
    throw failure();
  }

  private KeysException failure() {
    return new KeysException(why.getMessage(), why.exitCode(), why);
  }

  @Override
  public String toString() {
    return "AbsentToken[" + token + "]";
  }
}
