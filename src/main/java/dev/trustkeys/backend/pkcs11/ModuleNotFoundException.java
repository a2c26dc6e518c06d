package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import java.nio.file.Path;
import java.util.List;

/**
 * No PKCS#11 module was found: carries the paths searched and the Debian packages that would
 * provide one.
 */
public final class ModuleNotFoundException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final transient List<Path> searchedPaths;
  private final List<String> packages;

  public ModuleNotFoundException(String what, List<Path> searchedPaths, List<String> packages) {
    super(
        what
            + " not found (searched "
            + searchedPaths.size()
            + " paths: "
            + String.join(", ", searchedPaths.stream().map(Path::toString).toList())
            + (packages.isEmpty()
                ? ""
                : "; the Debian package " + String.join(" or ", packages) + " installs one")
            + ")",
        ExitCode.DEVICE,
        Remedy.of(Remedy.Kind.NAME_MODULE),
        null);
    this.searchedPaths = List.copyOf(searchedPaths);
    this.packages = List.copyOf(packages);
  }

  public List<Path> searchedPaths() {
    return searchedPaths;
  }

  /** Debian packages that install a module of the kind wanted. */
  public List<String> packages() {
    return packages;
  }
}
