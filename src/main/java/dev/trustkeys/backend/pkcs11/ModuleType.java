package dev.trustkeys.backend.pkcs11;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The PKCS#11 modules {@code keys} has a SunPKCS11 template for; anything else is {@link #GENERIC}.
 */
public enum ModuleType {
  YKCS11("ykcs11"),
  OPENSC("opensc"),
  SOFTHSM2("softhsm2"),
  GENERIC("generic");

  private final String value;

  ModuleType(String value) {
    this.value = value;
  }

  /**
   * The name in {@code native-config/modules.properties} and on the command line ({@code --module
   * softhsm2}).
   */
  public String value() {
    return value;
  }

  /** The type named {@code name} ("softhsm2", "ykcs11", "opensc"), or null. */
  public static ModuleType fromValue(String name) {
    for (ModuleType t : values()) {
      if (t != GENERIC && t.value.equalsIgnoreCase(name)) {
        return t;
      }
    }
    return null;
  }

  /**
   * The type a module file is, by its name: libsofthsm2.so → SOFTHSM2, anything unknown → GENERIC.
   */
  public static ModuleType ofModule(Path module) {
    String n = module.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.contains("softhsm")) {
      return SOFTHSM2;
    }
    if (n.contains("ykcs11")) {
      return YKCS11;
    }
    if (n.contains("opensc")) {
      return OPENSC;
    }
    return GENERIC;
  }
}
