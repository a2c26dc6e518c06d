package dev.trustkeys.tuf1;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Signer;
import java.util.Optional;

/**
 * The keys held here, for signing: the command line looks a TUF 1.0 key up in every back end (by
 * the canonical ID of its public key) and opens a signer, which it may ask a passphrase or PIN for.
 * A source keeps the signers it opened until closed, so that a key used for several roles asks
 * once.
 */
public interface KeySource extends AutoCloseable {
  /** A signer for {@code key}, or empty when no back end here holds it. */
  Optional<Signer> signer(Tuf1Key key) throws KeysException;

  /**
   * Where {@code key} is held, as {@code keys list} shows it (a directory, a pkcs11: URI,
   * yubikey:serial=...).
   */
  Optional<String> location(Tuf1Key key) throws KeysException;

  @Override
  void close();
}
