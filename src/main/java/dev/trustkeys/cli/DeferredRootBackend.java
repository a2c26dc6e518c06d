package dev.trustkeys.cli;

import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Signer;

/**
 * Where new root keys go, decided only when one is created ({@link Context#rootBackend()}): so that commands
 * which never create a root key do not fail because several YubiKeys are plugged in.
 */
final class DeferredRootBackend implements KeyBackend {
  private final Context ctx;

  DeferredRootBackend(Context ctx) {
    this.ctx = ctx;
  }

  /** The back end chosen (once a root key was created there); a general phrase when it cannot be chosen. */
  @Override
  public String describe() {
    try {
      return ctx.rootBackend().describe();
    } catch (KeysException e) {
      return "the preferred root key store (a YubiKey when one is plugged in, else the trust directory)";
    }
  }

  @Override
  public KeyListing list() throws KeysException {
    return ctx.rootBackend().list();
  }

  @Override
  public KeyInfo generate(KeySpec spec) throws KeysException {
    return ctx.rootBackend().generate(spec);
  }

  @Override
  public Signer signer(KeyId id) throws KeysException {
    return ctx.rootBackend().signer(id);
  }

  @Override
  public void remove(KeyId id) throws KeysException {
    ctx.rootBackend().remove(id);
  }

  @Override
  public String toString() {
    return "DeferredRootBackend";
  }
}
