package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.backend.pkcs11.Cryptoki.CkException;
import dev.trustkeys.backend.pkcs11.Cryptoki.TokenObject;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import java.nio.file.Path;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loaded PKCS#11 module: its slots and tokens (read directly, without SunPKCS11), and fresh
 * SunPKCS11 provider instances for one token at a time. Tokens are found again by label/serial for
 * every use, so a token that was removed and reinserted (possibly in another slot) works again
 * without restarting the JVM.
 */
public final class Pkcs11Module {
  private static final AtomicLong PROVIDERS = new AtomicLong();
  private final Path path;
  private final ModuleType type;
  private final Cryptoki cryptoki;
  private final NativeConfig config;

  private Pkcs11Module(Path path, Cryptoki cryptoki, NativeConfig config) {
    this.path = path;
    this.type = ModuleType.ofModule(path);
    this.cryptoki = cryptoki;
    this.config = config;
  }

  /** Loads (once per JVM) and initialises the module at {@code path}. */
  public static Pkcs11Module open(Path path) throws KeysException {
    try {
      return new Pkcs11Module(path, Cryptoki.load(path), NativeConfig.load());
    } catch (CkException e) {
      throw new TokenException(
          "cannot initialise PKCS#11 module " + path + ": " + e.getMessage(),
          Cryptoki.ckrName(e.rv()),
          e);
    }
  }

  public Path path() {
    return path;
  }

  public ModuleType type() {
    return type;
  }

  /**
   * The tokens present now, including uninitialised ones (SoftHSM's free slot). A slot whose token
   * cannot be read (removed meanwhile, or broken) is left out.
   */
  public List<TokenInfo> tokens() throws KeysException {
    long[] slots;
    try {
      slots = cryptoki.slots(true);
    } catch (CkException e) {
      throw new TokenException(
          "cannot list the slots of "
              + path
              + ": "
              + e.getMessage()
              + ": check the reader or the module",
          Cryptoki.ckrName(e.rv()),
          e);
    }
    List<TokenInfo> out = new ArrayList<>();
    for (long slot : slots) {
      try {
        out.add(cryptoki.tokenInfo(slot));
      } catch (CkException e) {
        // absent, removed or broken: not usable now
      }
    }
    return out;
  }

  /**
   * The one initialised token the URI's token attributes (token, serial, manufacturer, model)
   * select.
   */
  public TokenInfo findToken(Pkcs11Uri uri) throws KeysException {
    List<TokenInfo> present = new ArrayList<>();
    List<TokenInfo> matching = new ArrayList<>();
    for (TokenInfo t : tokens()) {
      if (!t.has(TokenFlag.TOKEN_INITIALIZED)) {
        continue;
      }
      present.add(t);
      if (uri.matchesToken(t)) {
        matching.add(t);
      }
    }
    if (matching.isEmpty()) {
      throw new TokenNotFoundException(
          tokenPart(uri), path, present.stream().map(t -> "'" + t.label() + "'").toList());
    }
    if (matching.size() > 1) {
      throw new UsageException(
          matching.size()
              + " tokens match "
              + tokenPart(uri)
              + ": name one with token=LABEL or serial=SERIAL ("
              + String.join(", ", matching.stream().map(TokenInfo::describe).toList())
              + ")");
    }
    return matching.get(0);
  }

  /** The URI of a token alone (no object, no query). */
  public static Pkcs11Uri tokenUri(TokenInfo t) {
    return Pkcs11Uri.builder().token(t).build();
  }

  private static String tokenPart(Pkcs11Uri uri) {
    Pkcs11Uri.Builder b = Pkcs11Uri.builder();
    for (String name : List.of("manufacturer", "model", "serial", "token", "slot-id")) {
      uri.attribute(name).ifPresent(v -> b.attribute(name, v));
    }
    String s = b.build().toString();
    return s.equals("pkcs11:") ? "pkcs11: (any token)" : s;
  }

  /**
   * The token's current info (flags change after a wrong PIN), found again by slot, label and
   * serial.
   */
  TokenInfo refresh(TokenInfo t) throws KeysException {
    try {
      TokenInfo now = cryptoki.tokenInfo(t.slotId());
      if (now.label().equals(t.label()) && now.serial().equals(t.serial())) {
        return now;
      }
    } catch (CkException e) {
      // fall through: look for it elsewhere
    }
    return findToken(
        Pkcs11Uri.builder().attribute("token", t.label()).attribute("serial", t.serial()).build());
  }

  /** The certificate objects of the token, read without a PIN. */
  List<TokenObject> certificates(TokenInfo t) throws KeysException {
    try {
      return cryptoki.certificates(t.slotId());
    } catch (CkException e) {
      throw absentOrFailed(t, "reading its certificates", e.rv(), e);
    }
  }

  /**
   * A new SunPKCS11 provider instance for the token's slot, from the module type's template. Not
   * registered with {@link Security}: callers pass it explicitly.
   */
  Provider newProvider(TokenInfo t, byte[] keyIdentity) throws KeysException {
    String name = "keys-" + type.value() + "-" + PROVIDERS.incrementAndGet();
    String cfg = config.render(type, name, path.toString(), t.slotId(), keyIdentity);
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      throw new TokenException(
          "this JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki)", "no provider", null);
    }
    try {
      return base.configure("--" + cfg);
    } catch (ProviderException | java.security.InvalidParameterException e) {
      throw absentOrFailed(t, "opening it", ckrOf(e), e);
    }
  }

  /** A one-line error for a failure on a token: removal gets its own advice. */
  static TokenException absentOrFailed(TokenInfo t, String doing, String ckr, Throwable cause) {
    boolean gone =
        ckr.contains("CKR_TOKEN_NOT_PRESENT")
            || ckr.contains("CKR_DEVICE_REMOVED")
            || ckr.contains("CKR_SLOT_ID_INVALID")
            || ckr.contains("CKR_GENERAL_ERROR")
            || ckr.contains("CKR_SESSION_HANDLE_INVALID")
            || ckr.contains("CKR_DEVICE_ERROR");
    // ykcs11 reports a YubiKey's touch timeout (SW 6982) as CKR_USER_NOT_LOGGED_IN, right after a
    // good login
    boolean refused =
        ckr.contains("CKR_USER_NOT_LOGGED_IN") || ckr.contains("CKR_FUNCTION_REJECTED");
    String advice =
        gone
            ? "the token was removed or stopped answering: insert it and try again"
            : refused
                ? "the token refused the key: if it needs a touch (a YubiKey blinks), touch it within about"
                    + " 15 s of starting, and try again"
                : "check the token";
    return new TokenException(
        t.describe() + ": " + doing + " failed (" + ckr + "): " + advice, ckr, cause);
  }

  static TokenException absentOrFailed(TokenInfo t, String doing, long rv, Throwable cause) {
    return absentOrFailed(t, doing, Cryptoki.ckrName(rv), cause);
  }

  /** The first CKR_ name in a cause chain (SunPKCS11 puts it in its PKCS11Exception's message). */
  static String ckrOf(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null) {
        int i = m.indexOf("CKR_");
        if (i >= 0) {
          int j = i;
          while (j < m.length() && (Character.isLetterOrDigit(m.charAt(j)) || m.charAt(j) == '_')) {
            j++;
          }
          return m.substring(i, j);
        }
      }
    }
    return e.getClass().getSimpleName();
  }
}
