package dev.trustkeys.backend.pkcs11;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The contents of {@code native-config/} (packaged in the jar): module search paths per type and
 * the SunPKCS11 templates, rendered into a configuration for one provider instance.
 */
final class NativeConfig {
  private static final String DIR = "/native-config/";
  private final Properties modules;
  private final String multiarch;

  private NativeConfig(Properties modules, String multiarch) {
    this.modules = modules;
    this.multiarch = multiarch;
  }

  /** The packaged configuration, for this machine's architecture. */
  static NativeConfig load() {
    return load(System.getProperty("os.arch", "amd64"));
  }

  static NativeConfig load(String osArch) {
    Properties p = new Properties();
    try (InputStream in = resource("modules.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new NativeConfig(p, multiarchOf(osArch));
  }

  /** Debian's multiarch triplet for a JVM os.arch. */
  static String multiarchOf(String osArch) {
    switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64":
      case "x86_64":
        return "x86_64-linux-gnu";
      case "aarch64":
      case "arm64":
        return "aarch64-linux-gnu";
      case "arm":
        return "arm-linux-gnueabihf";
      case "x86":
      case "i386":
        return "i386-linux-gnu";
      case "ppc64le":
        return "powerpc64le-linux-gnu";
      case "s390x":
        return "s390x-linux-gnu";
      default:
        return osArch + "-linux-gnu";
    }
  }

  /** The types discovery tries, in order. */
  List<ModuleType> discoveryOrder() {
    List<ModuleType> out = new ArrayList<>();
    for (String s : modules.getProperty("order", "").split(",")) {
      ModuleType t = ModuleType.fromValue(s.trim());
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  List<String> searchPaths(ModuleType type) {
    String v = modules.getProperty(type.value() + ".paths", "");
    return Arrays.stream(v.split(":"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> s.replace("${multiarch}", multiarch))
        .toList();
  }

  String debianPackage(ModuleType type) {
    return modules.getProperty(type.value() + ".package", "");
  }

  /**
   * A SunPKCS11 configuration from the type's template.
   *
   * @param keyIdentity CKA_ID and CKA_LABEL (as bytes) for a key to generate, or null
   */
  String render(ModuleType type, String name, String library, long slotId, byte[] keyIdentity) {
    String template = template(modules.getProperty(type.value() + ".template", "generic.cfg"));
    String identity = "";
    if (keyIdentity != null) {
      String hex = HexFormat.of().formatHex(keyIdentity);
      identity = "  CKA_ID = 0h" + hex + "\n  CKA_LABEL = 0h" + hex;
    }
    return template
        .replace("${name}", name)
        .replace("${library}", library)
        .replace("${slot}", "slot = " + slotId)
        .replace("${keyIdentity}", identity);
  }

  static String template(String file) {
    try (InputStream in = resource(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String file) throws IOException {
    InputStream in = NativeConfig.class.getResourceAsStream(DIR + file);
    if (in == null) {
      throw new IOException(
          "native-config/" + file + " is missing from the class path (broken build)");
    }
    return in;
  }
}
