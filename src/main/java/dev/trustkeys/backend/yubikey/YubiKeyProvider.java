package dev.trustkeys.backend.yubikey;

import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.core.BackendProvider;
import dev.trustkeys.core.Custody;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyNotFoundException;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Untrusted;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.secret.SecretProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * YubiKeys as the keyring sees them: one back end per YubiKey plugged in (none without libykpiv or
 * a PC/SC daemon, and nothing loaded then), searched first. A new root key goes to the YubiKey
 * chosen ({@link Choice}), else to the only one plugged in; with several and none chosen, the user
 * is asked to choose (exit 2). URIs: {@code yubikey:serial=N;slot=9c}, or {@code yubikey:slot=9c}
 * for the only YubiKey.
 */
public final class YubiKeyProvider implements BackendProvider {
  public static final String SCHEME = "yubikey";

  /**
   * Which YubiKey takes a new root key.
   *
   * @param serial the one with this serial, or null
   * @param required a YubiKey must take it (exit 6 when there is none)
   */
  public record Choice(Integer serial, boolean required) {
    public static Choice any() {
      return new Choice(null, false);
    }
  }

  private final Map<String, String> env;
  private final SecretProvider secrets;
  private final KeyFileStore backup;
  private final AttestationStore attestations;
  private final YubiKeyUser user;
  private final YubiKeyOptions options;
  private final Clock clock;
  private final Choice choice;
  private YubiKeys yubiKeys;
  private final List<YubiKeyBackend> backends = new ArrayList<>();

  /**
   * @param secrets PINs and management keys
   * @param backup where keys made on the host are backed up (Notary's way), or null
   */
  public YubiKeyProvider(
      Map<String, String> env,
      SecretProvider secrets,
      KeyFileStore backup,
      AttestationStore attestations,
      YubiKeyUser user,
      YubiKeyOptions options,
      Clock clock,
      Choice choice) {
    this.env = env;
    this.secrets = secrets;
    this.backup = backup;
    this.attestations = attestations;
    this.user = user;
    this.options = options;
    this.clock = clock;
    this.choice = choice;
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public Custody custody() {
    return Custody.PERSONAL_DEVICE;
  }

  /** PC/SC discovery: nothing is loaded without libykpiv and a PC/SC daemon socket. */
  public YubiKeys yubiKeys() {
    if (yubiKeys == null) {
      yubiKeys = YubiKeys.probe(env);
    }
    return yubiKeys;
  }

  @Override
  public List<KeyBackend> discover() {
    List<KeyBackend> out = new ArrayList<>();
    for (YubiKeyDevice d : yubiKeys().devices()) {
      out.add(backend(d));
    }
    return out;
  }

  /** The back end of {@code device}, one per device. */
  public YubiKeyBackend backend(YubiKeyDevice device) {
    for (YubiKeyBackend b : backends) {
      if (b.device() == device) {
        return b;
      }
    }
    YubiKeyBackend b =
        new YubiKeyBackend(yubiKeys(), device, secrets, backup, attestations, user, options, clock);
    backends.add(b);
    return b;
  }

  /**
   * The back end of the YubiKey with {@code serial} (or of the only one); exit 6 when there is
   * none.
   */
  public YubiKeyBackend backend(Integer serial) throws KeysException {
    return backend(yubiKeys().select(serial));
  }

  @Override
  public Address address(String uri) throws KeysException {
    Integer serial = null;
    Slot slot = null;
    String body = uri.substring(SCHEME.length() + 1);
    for (String attr : body.isEmpty() ? new String[0] : body.split(";", -1)) {
      int eq = attr.indexOf('=');
      String name = eq < 0 ? attr : attr.substring(0, eq);
      String value = eq < 0 ? "" : attr.substring(eq + 1);
      try {
        if (name.equals("serial") && serial == null) {
          serial = Integer.valueOf(value);
        } else if (name.equals("slot") && slot == null) {
          slot = Slot.parse(value);
        } else {
          throw new IllegalArgumentException(
              "'" + name + "' is not an attribute of a yubikey: URI");
        }
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            Untrusted.quote(uri) + ": " + e.getMessage(),
            dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.YUBIKEY_URI_FORM));
      }
    }
    YubiKeyBackend b = backend(serial);
    if (slot == null) {
      return new Address(b, Optional.empty());
    }
    Optional<KeyInfo> k = b.inSlot(slot);
    if (k.isEmpty()) {
      throw new KeyNotFoundException(
          uri, "slot " + slot.hex() + " of " + b.describe() + " holds no key");
    }
    return new Address(b, k);
  }

  /** The YubiKey chosen; else the only one; several and none chosen: exit 2, asking to choose. */
  @Override
  public Optional<KeyBackend> rootHome(List<KeyBackend> present) throws KeysException {
    if (choice.required() || choice.serial() != null || present.size() > 1) {
      return Optional.of(backend(choice.serial()));
    }
    return present.isEmpty() ? Optional.empty() : Optional.of(present.get(0));
  }
}
