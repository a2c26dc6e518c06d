package dev.trustkeys.cli;

import dev.trustkeys.backend.pkcs11.ModuleLocator;
import dev.trustkeys.backend.pkcs11.ModuleType;
import dev.trustkeys.doctor.NativeLibraries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code keys --version}: the tool's version, the Java runtime, and the back ends found on this
 * machine. It only looks at files (nothing is loaded), and only for {@code --version}: other
 * commands never run it.
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = KeysCommand.class.getPackage().getImplementationVersion();
    List<String> lines = new ArrayList<>();
    lines.add("keys " + (v == null ? "(development build)" : v));
    lines.add(
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ", "
            + System.getProperty("java.home")
            + ")");
    lines.add(
        "SunPKCS11: "
            + (java.security.Security.getProvider("SunPKCS11") != null
                ? "available"
                : "not available"));
    ModuleLocator locator = ModuleLocator.of(System.getenv());
    Optional<Path> ykcs11 = locator.find(ModuleType.YKCS11);
    lines.add(
        "ykcs11: "
            + ykcs11
                .map(p -> new NativeLibraries.Found(p, NativeLibraries.versionOf(p)).describe())
                .orElse("not found (Debian package ykcs11)"));
    lines.add(
        "libykpiv: "
            + NativeLibraries.find("libykpiv", NativeLibraries.near(ykcs11))
                .map(NativeLibraries.Found::describe)
                .orElse("not found (Debian package libykpiv2)"));
    for (ModuleType t : List.of(ModuleType.SOFTHSM2, ModuleType.OPENSC)) {
      lines.add(
          t.value()
              + ": "
              + locator
                  .find(t)
                  .map(Path::toString)
                  .orElse("not found (Debian package " + locator.debianPackage(t) + ")"));
    }
    return lines.toArray(new String[0]);
  }
}
