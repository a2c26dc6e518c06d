package dev.trustkeys.backend.pkcs11;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds the PKCS#11 module to load. In order: an explicit choice ({@code --module PATH|NAME}), the
 * URI's {@code module-path}/{@code module-name}, {@code KEYS_PKCS11_MODULE}, then discovery over
 * the paths in {@code native-config/modules.properties}. A name (softhsm2, ykcs11, opensc) searches
 * that type's paths only.
 */
public final class ModuleLocator {
  /** The environment variable naming the module (a path or a type name). */
  public static final String ENV = "KEYS_PKCS11_MODULE";

  private final Map<String, String> env;
  private final NativeConfig config;
  private final Predicate<Path> exists;

  ModuleLocator(Map<String, String> env, NativeConfig config, Predicate<Path> exists) {
    this.env = Map.copyOf(env);
    this.config = config;
    this.exists = exists;
  }

  /** A locator over the real file system and the given environment. */
  public static ModuleLocator of(Map<String, String> env) {
    return new ModuleLocator(env, NativeConfig.load(), Files::isRegularFile);
  }

  /**
   * Whether the user configured a module explicitly (flag or environment): then {@code keys list}
   * uses it.
   */
  public boolean isConfigured(String explicit) {
    return isConfigured(explicit, env);
  }

  /**
   * The same, without loading the module configuration (for `keys list`, which needs no module
   * otherwise).
   */
  public static boolean isConfigured(String explicit, Map<String, String> env) {
    return (explicit != null && !explicit.isBlank())
        || (env.get(ENV) != null && !env.get(ENV).isBlank());
  }

  /**
   * The module to use.
   *
   * @param explicit {@code --module} (a path or a type name), or null
   * @param uri the URI the user gave, or null
   */
  public Path locate(String explicit, Pkcs11Uri uri) throws ModuleNotFoundException {
    if (explicit != null && !explicit.isBlank()) {
      return resolve(explicit.trim(), "the command line");
    }
    if (uri != null && uri.modulePath().isPresent()) {
      return resolve(uri.modulePath().get(), "module-path");
    }
    if (uri != null && uri.moduleName().isPresent()) {
      return resolve(stripName(uri.moduleName().get()), "module-name");
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return resolve(fromEnv.trim(), ENV);
    }
    return discover(config.discoveryOrder(), "a PKCS#11 module (ykcs11, OpenSC or SoftHSM2)");
  }

  /**
   * The module named explicitly ({@code --module}) or by the URI ({@code module-path}, {@code
   * module-name}), if either names one: what {@link #locate} takes before the environment and
   * discovery.
   */
  public Optional<Path> named(String explicit, Pkcs11Uri uri) throws ModuleNotFoundException {
    if ((explicit != null && !explicit.isBlank())
        || (uri != null && (uri.modulePath().isPresent() || uri.moduleName().isPresent()))) {
      return Optional.of(locate(explicit, uri));
    }
    return Optional.empty();
  }

  /** Whether {@code KEYS_PKCS11_MODULE} names a module. */
  public boolean fromEnvironment() {
    String v = env.get(ENV);
    return v != null && !v.isBlank();
  }

  /**
   * The installed module of each type, in discovery order (ykcs11, OpenSC, SoftHSM2): where
   * discovery looks.
   */
  public List<Path> installed() {
    List<Path> out = new ArrayList<>();
    for (ModuleType t : config.discoveryOrder()) {
      find(t).ifPresent(out::add);
    }
    return out;
  }

  /** The first installed module of {@code type} on the search paths, if any (for diagnostics). */
  public Optional<Path> find(ModuleType type) {
    for (String candidate : config.searchPaths(type)) {
      Path p = Path.of(candidate);
      if (exists.test(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Where {@link #find} looks for {@code type}, in order. */
  public List<Path> searchPaths(ModuleType type) {
    return config.searchPaths(type).stream().map(Path::of).toList();
  }

  /** The Debian package that installs modules of {@code type} ("" if none). */
  public String debianPackage(ModuleType type) {
    return config.debianPackage(type);
  }

  private Path resolve(String value, String source) throws ModuleNotFoundException {
    ModuleType type = ModuleType.fromValue(value);
    if (type != null) {
      return discover(List.of(type), "PKCS#11 module " + value + " (from " + source + ")");
    }
    Path p = Path.of(value);
    if (!exists.test(p)) {
      List<String> pkgs = new ArrayList<>();
      String pkg = config.debianPackage(ModuleType.ofModule(p));
      if (!pkg.isEmpty()) {
        pkgs.add(pkg);
      }
      throw new ModuleNotFoundException(
          "PKCS#11 module " + p + " (from " + source + ")", List.of(p), pkgs);
    }
    return p;
  }

  private Path discover(List<ModuleType> types, String what) throws ModuleNotFoundException {
    List<Path> searched = new ArrayList<>();
    List<String> packages = new ArrayList<>();
    for (ModuleType t : types) {
      for (String candidate : config.searchPaths(t)) {
        Path p = Path.of(candidate);
        searched.add(p);
        if (exists.test(p)) {
          return p;
        }
      }
      packages.add(config.debianPackage(t));
    }
    throw new ModuleNotFoundException(what, searched, packages);
  }

  /** RFC 7512 module-name is the file name without "lib" and suffix: accept both forms. */
  private static String stripName(String name) {
    Optional<ModuleType> t = Optional.ofNullable(ModuleType.fromValue(name));
    if (t.isPresent()) {
      return name;
    }
    String n = name.replaceFirst("^lib", "").replaceFirst("\\.(so(\\.\\d+)*|dylib)$", "");
    if (n.equals("opensc-pkcs11")) {
      return "opensc";
    }
    return ModuleType.fromValue(n) != null ? n : name;
  }
}
