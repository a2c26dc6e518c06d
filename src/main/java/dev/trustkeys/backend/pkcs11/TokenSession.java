package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.WrongSecretException;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.SecretRequest;
import java.io.IOException;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.util.Optional;
import java.util.OptionalInt;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginException;

/**
 * One use of a token: a fresh SunPKCS11 provider instance for its slot and a KeyStore logged in
 * with the user PIN. The PIN is asked when the token is not logged in yet (once per process); a
 * wrong PIN is reported (with the tries left the token reports) and never retried here.
 */
final class TokenSession implements AutoCloseable {
  private final TokenInfo token;
  private final Provider provider;
  private final KeyStore keyStore;

  private TokenSession(TokenInfo token, Provider provider, KeyStore keyStore) {
    this.token = token;
    this.provider = provider;
    this.keyStore = keyStore;
  }

  /**
   * Opens a provider for the token and logs in.
   *
   * @param keyIdentity CKA_ID/CKA_LABEL for a key about to be generated, or null
   */
  static TokenSession login(
      Pkcs11Module module, TokenInfo token, SecretProvider secrets, byte[] keyIdentity)
      throws KeysException {
    TokenInfo now = module.refresh(token);
    if (now.isPinLocked()) {
      throw new PinLockedException(now.describe());
    }
    Provider provider = module.newProvider(now, keyIdentity);
    KeyStore ks;
    try {
      ks = KeyStore.getInstance("PKCS11", provider);
    } catch (java.security.KeyStoreException e) {
      throw Pkcs11Module.absentOrFailed(now, "opening its key store", Pkcs11Module.ckrOf(e), e);
    }
    PinCallback pin = new PinCallback(secrets, now);
    try {
      ks.load(() -> new KeyStore.CallbackHandlerProtection(pin));
    } catch (IOException e) {
      pin.rethrow();
      throw loginFailure(module, now, e);
    } catch (GeneralSecurityException e) {
      pin.rethrow();
      throw Pkcs11Module.absentOrFailed(now, "logging in", Pkcs11Module.ckrOf(e), e);
    }
    return new TokenSession(now, provider, ks);
  }

  /**
   * Gives SunPKCS11 the user PIN when it logs in, and only then: PKCS#11 logs an application in
   * once per token, so a session opened while another of this process is logged in (a second key on
   * the same token) asks nothing.
   */
  private static final class PinCallback implements CallbackHandler {
    private final SecretProvider secrets;
    private final TokenInfo token;
    private KeysException failure;

    PinCallback(SecretProvider secrets, TokenInfo token) {
      this.secrets = secrets;
      this.token = token;
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException, IOException {
      for (Callback c : callbacks) {
        if (!(c instanceof PasswordCallback)) {
          throw new UnsupportedCallbackException(c);
        }
        Optional<Secret> pin;
        try {
          pin = secrets.obtain(SecretRequest.pin(token.describe(), token.pinTriesLeft()));
        } catch (KeysException e) {
          failure = e;
          throw new IOException("no PIN");
        }
        if (pin.isEmpty()) {
          failure =
              new KeysException(
                  "the PIN of "
                      + token.describe()
                      + " is needed: set KEYS_PKCS11_PIN or KEYS_PKCS11_PIN_FILE, add"
                      + " pin-source=file:PATH to the URI, or run on a terminal to be asked",
                  ExitCode.NEEDS_INPUT);
          throw new IOException("no PIN");
        }
        try (Secret s = pin.get()) {
          ((PasswordCallback) c).setPassword(s.chars()); // SunPKCS11 clears its copy after C_Login
        }
      }
    }

    /** The reason no PIN was given, when that is why the login failed. */
    void rethrow() throws KeysException {
      if (failure != null) {
        throw failure;
      }
    }
  }

  private static KeysException loginFailure(Pkcs11Module module, TokenInfo before, IOException e)
      throws KeysException {
    String ckr = Pkcs11Module.ckrOf(e);
    if (ckr.equals("CKR_PIN_INCORRECT") || ckr.equals("CKR_PIN_LEN_RANGE") || isFailedLogin(e)) {
      TokenInfo after;
      try {
        after = module.refresh(before);
      } catch (KeysException gone) {
        after = before;
      }
      return wrongPin(after);
    }
    if (ckr.equals("CKR_PIN_LOCKED")) {
      return new PinLockedException(before.describe());
    }
    return Pkcs11Module.absentOrFailed(before, "logging in", ckr, e);
  }

  private static boolean isFailedLogin(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof javax.security.auth.login.FailedLoginException) {
        return true;
      }
    }
    return false;
  }

  /** The error for a rejected PIN, from the token's flags read after the attempt. */
  static KeysException wrongPin(TokenInfo after) {
    if (after.isPinLocked()) {
      return new PinLockedException(after.describe());
    }
    String tries;
    OptionalInt left = after.pinTriesLeft();
    if (after.has(TokenFlag.USER_PIN_FINAL_TRY)) {
      tries = "1 try left before the PIN locks (CKF_USER_PIN_FINAL_TRY)";
    } else if (after.has(TokenFlag.USER_PIN_COUNT_LOW)) {
      tries = "the token reports few tries left (CKF_USER_PIN_COUNT_LOW)";
    } else {
      tries = "the token does not say how many tries are left";
    }
    return new WrongSecretException(
        "wrong PIN for " + after.describe() + ": " + tries + "; nothing was signed or changed",
        left);
  }

  TokenInfo token() {
    return token;
  }

  Provider provider() {
    return provider;
  }

  KeyStore keyStore() {
    return keyStore;
  }

  /** Logs out. The provider instance is dropped; a later use creates a new one. */
  @Override
  public void close() {
    if (provider instanceof AuthProvider) {
      try {
        ((AuthProvider) provider).logout();
      } catch (LoginException | RuntimeException e) {
        // token gone or already logged out: nothing to undo
      }
    }
  }
}
