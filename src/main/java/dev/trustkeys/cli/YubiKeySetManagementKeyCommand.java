package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.ManagementKey;
import dev.trustkeys.backend.yubikey.ManagementKeyAuth;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.SecretRequest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code keys yubikey set-management-key}. */
@Command(
    name = "set-management-key",
    description =
        "Change the management key (48 hex digits, typed or made at random" + " with --random).")
final class YubiKeySetManagementKeyCommand implements Callable<Integer> {
  @ParentCommand YubiKeyCommand parent;
  @Mixin YubiKeyDeviceOptions device;

  @Option(
      names = "--random",
      description = "Generate a random key and show it once on the terminal (needs one).")
  boolean random;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    YubiKeyDeviceOptions.Device d = device.open(ctx);
    DeviceSecrets ds = new DeviceSecrets(ctx.env(), ctx.terminal());
    authenticate(d, ds);
    try (ManagementKey fresh = newKey(ctx, ds, d.serial(), random, "--random")) {
      d.session().setManagementKey(fresh);
    }
    ctx.terminal().say("Management key of YubiKey " + d.serial() + " changed.");
    return 0;
  }

  /**
   * Authenticates with the factory key if the card still has it, else with the current key asked
   * for.
   */
  static void authenticate(YubiKeyDeviceOptions.Device d, DeviceSecrets ds) throws KeysException {
    ManagementKeyAuth.authenticate(
        d.session(), d.device(), new CurrentManagementKey(ds, d.serial()), null);
  }

  /**
   * The current management key from KEYS_YUBIKEY_MANAGEMENT_KEY[_FILE], else asked for on the
   * terminal.
   */
  private static final class CurrentManagementKey implements SecretProvider {
    private final DeviceSecrets ds;
    private final int serial;

    CurrentManagementKey(DeviceSecrets ds, int serial) {
      this.ds = ds;
      this.serial = serial;
    }

    @Override
    public Optional<Secret> obtain(SecretRequest request) throws KeysException {
      return Optional.of(
          ds.current(
              DeviceSecrets.MANAGEMENT_KEY,
              "the management key of YubiKey " + serial + " (" + ManagementKey.HINT + ")"));
    }
  }

  /**
   * The new management key: made at random and shown once ({@code random}), else from
   * KEYS_YUBIKEY_NEW_MANAGEMENT_KEY[_FILE], else typed (after a word on the format and on {@code
   * randomFlag}).
   */
  static ManagementKey newKey(
      Context ctx, DeviceSecrets ds, int serial, boolean random, String randomFlag)
      throws KeysException {
    if (random) {
      if (!ctx.terminal().interactive()) {
        throw new KeysException(
            randomFlag
                + " shows the new management key on the terminal, and there is none: set"
                + " KEYS_YUBIKEY_NEW_MANAGEMENT_KEY instead",
            ExitCode.NEEDS_INPUT);
      }
      ManagementKey k = ManagementKey.random(new SecureRandom());
      char[] hex = k.toHex();
      try {
        ctx.terminal()
            .say(
                "New management key of YubiKey "
                    + serial
                    + " (write it down; it is shown once): "
                    + new String(hex));
      } finally {
        Arrays.fill(hex, '\0');
      }
      return k;
    }
    if (!ds.isSet(DeviceSecrets.NEW_MANAGEMENT_KEY) && ctx.terminal().interactive()) {
      ctx.terminal()
          .say(
              "A new management key for YubiKey "
                  + serial
                  + " is "
                  + ManagementKey.HINT
                  + " (e.g. from 'openssl rand -hex 24'); keep it where you keep the PUK. To have keys make one and show it"
                  + " once, press Ctrl-C and run this again with "
                  + randomFlag
                  + ".");
    }
    try (Secret s =
        ds.fresh(
            DeviceSecrets.NEW_MANAGEMENT_KEY,
            "the new management key for YubiKey " + serial,
            DeviceSecrets.Format.MANAGEMENT_KEY)) {
      return parse(s);
    }
  }

  static ManagementKey parse(Secret s) throws KeysException {
    try {
      return ManagementKey.fromHex(s.chars());
    } catch (IllegalArgumentException e) {
      throw new KeysException(e.getMessage(), ExitCode.USAGE);
    }
  }
}
