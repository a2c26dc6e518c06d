package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.SecretRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Token PINs without a prompt, never from the command line. In order: the URI's {@code
 * pin-source=file:PATH}, the environment variable {@code KEYS_PKCS11_PIN}, the file named by {@code
 * KEYS_PKCS11_PIN_FILE}. Answers only PIN requests; empty when none of them is set (so a prompt can
 * follow, see {@link #orElse}). A file's first line is the PIN (a trailing newline is dropped).
 */
public final class Pkcs11PinSource implements SecretProvider {
  public static final String ENV_PIN = "KEYS_PKCS11_PIN";
  public static final String ENV_PIN_FILE = "KEYS_PKCS11_PIN_FILE";

  private final Map<String, String> env;
  private final Optional<Path> pinFile;

  private Pkcs11PinSource(Map<String, String> env, Optional<Path> pinFile) {
    this.env = Map.copyOf(env);
    this.pinFile = pinFile;
  }

  /**
   * @param env the process environment (injected for tests)
   * @param uri the URI the user gave, whose {@code pin-source} is honoured, or null
   */
  public static Pkcs11PinSource of(Map<String, String> env, Pkcs11Uri uri) throws UsageException {
    Optional<Path> file = Optional.empty();
    if (uri != null && uri.pinSource().isPresent()) {
      file = Optional.of(pinSourcePath(uri.pinSource().get()));
    }
    return new Pkcs11PinSource(env, file);
  }

  /**
   * {@code file:/abs/path}, {@code file:rel/path} or a plain path; commands ({@code |cmd}) are
   * refused.
   */
  static Path pinSourcePath(String source) throws UsageException {
    if (source.startsWith("|")) {
      throw new UsageException(
          "pin-source="
              + source
              + ": running a command for the PIN is not supported; use file:PATH");
    }
    if (source.startsWith("file:")) {
      try {
        URI u = new URI(source);
        if (u.getPath() != null && u.getPath().startsWith("/")) {
          return Path.of(u.getPath());
        }
        return Path.of(u.getSchemeSpecificPart());
      } catch (URISyntaxException e) {
        throw new UsageException("pin-source=" + source + " is not a file: URI");
      }
    }
    if (source.contains(":")) {
      throw new UsageException("pin-source=" + source + ": only file: sources are supported");
    }
    return Path.of(source);
  }

  @Override
  public Optional<Secret> obtain(SecretRequest request) throws KeysException {
    if (request.kind() != SecretRequest.Kind.PIN) {
      return Optional.empty();
    }
    if (pinFile.isPresent()) {
      return Optional.of(readFile(pinFile.get(), "pin-source"));
    }
    String pin = env.get(ENV_PIN);
    if (pin != null) {
      return Optional.of(Secret.adopt(pin.toCharArray(), Secret.Origin.ENVIRONMENT, ENV_PIN));
    }
    String file = env.get(ENV_PIN_FILE);
    if (file != null && !file.isBlank()) {
      return Optional.of(readFile(Path.of(file), ENV_PIN_FILE));
    }
    return Optional.empty();
  }

  /** This source, then {@code next} (a prompt) when this one has nothing. */
  public SecretProvider orElse(SecretProvider next) {
    return request -> {
      Optional<Secret> s = obtain(request);
      return s.isPresent() ? s : next.obtain(request);
    };
  }

  static Secret readFile(Path file, String source) throws KeysException {
    return Secret.adopt(
        dev.trustkeys.core.secret.FileSecrets.read(file, source),
        Secret.Origin.FILE,
        file + " (from " + source + ")");
  }

  @Override
  public String toString() {
    return "Pkcs11PinSource[" + pinFile.map(p -> "pin-source " + p).orElse("environment") + "]";
  }
}
