package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.BackendProvider;
import dev.trustkeys.core.Custody;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyNaming;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.secret.SecretProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PKCS#11 tokens as the keyring sees them. Present: every initialised token of the module
 * configured with {@code --module} or {@code KEYS_PKCS11_MODULE}, and every token recorded in
 * {@link TokenRecords} (a recorded token that is not there is a back end listed as absent). A
 * {@code pkcs11:} URI is reached through the module it names ({@code module-path}, {@code
 * module-name}) or {@code --module}, else the module recorded for its token, else {@code
 * KEYS_PKCS11_MODULE}, else the first installed module that has such a token. Modules are loaded
 * once.
 */
public final class Pkcs11Provider implements BackendProvider {
  public static final String SCHEME = "pkcs11";

  private final Map<String, String> env;
  private final String explicitModule;
  private final TokenRecords records;
  private final SecretProvider prompts;
  private final KeyNaming naming;
  private final Clock clock;
  private final Map<Path, Pkcs11Module> modules = new HashMap<>();
  private ModuleLocator locator;

  /**
   * @param explicitModule {@code --module} (a path or a type name), or null
   * @param records the tokens keys made keys on, read to find them and written when it makes one
   * @param prompts where PINs come from after the URI's {@code pin-source}, {@code KEYS_PKCS11_PIN}
   *     and {@code KEYS_PKCS11_PIN_FILE} (a prompt)
   */
  public Pkcs11Provider(
      Map<String, String> env,
      String explicitModule,
      TokenRecords records,
      SecretProvider prompts,
      KeyNaming naming,
      Clock clock) {
    this.env = env;
    this.explicitModule = explicitModule;
    this.records = records;
    this.prompts = prompts;
    this.naming = naming;
    this.clock = clock;
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public Custody custody() {
    return Custody.TOKEN;
  }

  /**
   * Whether a module is configured or a token recorded: else {@link #discover} loads nothing and
   * finds nothing.
   */
  public boolean inUse() {
    return ModuleLocator.isConfigured(explicitModule, env) || records.any();
  }

  @Override
  public List<KeyBackend> discover() throws KeysException {
    List<KeyBackend> out = new ArrayList<>();
    if (!inUse()) {
      return out;
    }
    List<TokenRecords.Token> present = new ArrayList<>();
    if (ModuleLocator.isConfigured(explicitModule, env)) {
      Pkcs11Module m = module(locator().locate(explicitModule, null));
      for (TokenInfo t : m.tokens()) {
        if (t.has(TokenFlag.TOKEN_INITIALIZED)) {
          Pkcs11Uri u = Pkcs11Module.tokenUri(t);
          out.add(backend(m, u, null));
          present.add(new TokenRecords.Token(normal(m.path()), u));
        }
      }
    }
    for (TokenRecords.Token r : records.read()) {
      if (!present.contains(new TokenRecords.Token(normal(r.module()), r.uri()))) {
        out.add(recorded(r));
      }
    }
    return out;
  }

  private KeyBackend recorded(TokenRecords.Token r) {
    try {
      return backend(module(r.module()), r.uri(), null);
    } catch (KeysException e) {
      return new AbsentToken(r, e);
    }
  }

  @Override
  public Address address(String uri) throws KeysException {
    Pkcs11Uri u = Pkcs11Uri.parse(uri);
    Pkcs11Backend b = backend(module(moduleFor(u)), u, u);
    return new Address(b, u.namesObject() ? Optional.of(b.find(u)) : Optional.empty());
  }

  /**
   * The only token present takes a new root key; several make the user choose (exit 2), so that a
   * root key never lands on a token by chance.
   */
  @Override
  public Optional<KeyBackend> rootHome(List<KeyBackend> discovered) throws KeysException {
    List<Pkcs11Backend> present = new ArrayList<>();
    for (KeyBackend b : discovered) {
      if (b instanceof Pkcs11Backend && ((Pkcs11Backend) b).present()) {
        present.add((Pkcs11Backend) b);
      }
    }
    if (present.size() > 1) {
      List<String> names = new ArrayList<>();
      for (Pkcs11Backend b : present) {
        names.add(b.describe());
      }
      throw new KeysException(
          "several PKCS#11 tokens could hold the new root key (" + String.join(", ", names) + ")",
          ExitCode.USAGE,
          Remedy.of(Remedy.Kind.CHOOSE_TOKEN),
          null);
    }
    return present.isEmpty() ? Optional.empty() : Optional.of(present.get(0));
  }

  /**
   * The module for a URI: named by it or --module; recorded for its token; KEYS_PKCS11_MODULE;
   * discovered.
   */
  Path moduleFor(Pkcs11Uri u) throws KeysException {
    Optional<Path> named = locator().named(explicitModule, u);
    if (named.isPresent()) {
      return named.get();
    }
    for (TokenRecords.Token r : records.read()) {
      if (u.matchesTokenOf(r.uri()) && Files.isRegularFile(r.module())) {
        return r.module();
      }
    }
    if (!locator().fromEnvironment()) {
      for (Path candidate : locator().installed()) {
        try {
          for (TokenInfo t : module(candidate).tokens()) {
            if (t.has(TokenFlag.TOKEN_INITIALIZED) && u.matchesToken(t)) {
              return candidate;
            }
          }
        } catch (KeysException e) {
          // a module that does not load holds no token: try the next
        }
      }
    }
    return locator().locate(null, u);
  }

  private Pkcs11Backend backend(Pkcs11Module m, Pkcs11Uri selector, Pkcs11Uri pinUri)
      throws KeysException {
    SecretProvider pins = Pkcs11PinSource.of(env, pinUri).orElse(prompts);
    return new Pkcs11Backend(m, selector, pins, naming, clock, records);
  }

  /** The module at {@code path}, loaded once. */
  public Pkcs11Module module(Path path) throws KeysException {
    Path key = normal(path);
    Pkcs11Module m = modules.get(key);
    if (m == null) {
      if (!Files.isRegularFile(path)) {
        throw new ModuleNotFoundException("PKCS#11 module " + path, List.of(path), List.of());
      }
      m = Pkcs11Module.open(path);
      modules.put(key, m);
    }
    return m;
  }

  /**
   * The module configured with --module or KEYS_PKCS11_MODULE, or named by {@code uri}, else
   * discovered.
   */
  public Pkcs11Module module(Pkcs11Uri uri) throws KeysException {
    return module(locator().locate(explicitModule, uri));
  }

  private ModuleLocator locator() {
    if (locator == null) {
      locator = ModuleLocator.of(env);
    }
    return locator;
  }

  /**
   * A module's path for comparing: the real file where it exists (a symbolic link and its target
   * are one).
   */
  private static Path normal(Path p) {
    try {
      return p.toRealPath();
    } catch (java.io.IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
