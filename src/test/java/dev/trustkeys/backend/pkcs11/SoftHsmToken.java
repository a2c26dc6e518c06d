package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throwaway SoftHSM2 token for tests. SoftHSM reads {@code SOFTHSM2_CONF} from the process
 * environment once, when the module is first initialised in the JVM; the failsafe execution
 * "pkcs11" sets it to {@code target/softhsm/softhsm2.conf} and gives every test class its own JVM.
 * {@link #create} writes that file so that it points at a token directory under the caller's
 * {@code @TempDir}, then runs {@code softhsm2-util --init-token --free}. Create every token of a
 * class before the module is first used.
 */
public final class SoftHsmToken {
  public static final String USER_PIN = "1234-user";
  public static final String SO_PIN = "5678-so";
  private static Path tokenDir;

  private final String label;
  private final Path dir;

  private SoftHsmToken(String label, Path dir) {
    this.label = label;
    this.dir = dir;
  }

  /** The SoftHSM2 module, found by the same discovery users get. */
  public static Path module() throws KeysException {
    return ModuleLocator.of(Map.of()).locate("softhsm2", null);
  }

  public static synchronized SoftHsmToken create(Path tempDir, String label)
      throws IOException, InterruptedException {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null) {
      throw new IllegalStateException(
          "SOFTHSM2_CONF is not set: run token tests through mvn verify (failsafe)");
    }
    if (tokenDir == null) {
      tokenDir = tempDir.resolve("tokens");
      Files.createDirectories(tokenDir);
      Path c = Path.of(conf);
      Files.createDirectories(c.getParent());
      Files.writeString(
          c,
          "directories.tokendir = "
              + tokenDir
              + "\nobjectstore.backend = file\nlog.level = ERROR\n"
              + "slots.removable = true\n",
          StandardCharsets.UTF_8);
    }
    List<Path> before = subdirs();
    Process p =
        new ProcessBuilder(
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                label,
                "--so-pin",
                SO_PIN,
                "--pin",
                USER_PIN)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("softhsm2-util --init-token failed: " + out);
    }
    List<Path> after = subdirs();
    after.removeAll(before);
    return new SoftHsmToken(label, after.isEmpty() ? null : after.get(0));
  }

  private static List<Path> subdirs() throws IOException {
    try (Stream<Path> s = Files.list(tokenDir)) {
      return new java.util.ArrayList<>(s.filter(Files::isDirectory).toList());
    }
  }

  public String label() {
    return label;
  }

  /** A URI selecting this token. */
  public Pkcs11Uri uri() {
    return Pkcs11Uri.builder().attribute("token", label).build();
  }

  /**
   * Simulates pulling the token out: its directory is deleted (SoftHSM cannot see it come back
   * in-process).
   */
  public void remove() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * Simulates putting a token with this label back: SoftHSM only rescans at C_Initialize, which
   * SunPKCS11 does once per JVM, so the token is re-created through the already-initialised module
   * (C_InitToken on the free slot, then C_InitPIN), exactly as a replacement token would appear in
   * a new slot.
   */
  public void reinsertEmpty(Pkcs11Module module) throws Exception {
    Cryptoki ck = Cryptoki.load(module.path());
    for (TokenInfo t : module.tokens()) {
      if (!t.has(TokenFlag.TOKEN_INITIALIZED)) {
        ck.initToken(
            t.slotId(),
            SO_PIN.getBytes(StandardCharsets.UTF_8),
            USER_PIN.getBytes(StandardCharsets.UTF_8),
            label);
        return;
      }
    }
    throw new IllegalStateException("no free SoftHSM slot to re-create the token in");
  }
}
