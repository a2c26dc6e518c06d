package dev.trustkeys.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.simulator.TouchMode;
import dev.trustkeys.simulator.VirtualYubiKeyRig;
import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.KeysRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Device faults on the virtual YubiKey 4, reached as {@code keys} reaches a YubiKey in main today:
 * ykcs11 through {@code --module} and a {@code pkcs11:} URI. Each fault gives one clear {@code
 * keys:} line with a non-zero exit, leaves the trust directory byte for byte as it was, and the
 * same command succeeds once the card is back. The faults are methods of {@link Fault} on a running
 * rig, so that the {@code keys yubikey ...} commands of the YubiKey back end can be run through the
 * same scenarios by adding them to {@link #signCommand}.
 */
class DeviceFaultIT {
  static final String YKCS11 = "/usr/lib/x86_64-linux-gnu/libykcs11.so.2";
  static final String PIV = "yubico-piv-tool";
  private static final Pattern URI = Pattern.compile("\"(pkcs11:[^\"]+)\"");

  @TempDir static Path tmp;
  private static VirtualYubiKeyRig rig;
  private static Path trust;
  private static String keyUri;
  private static String keyId;
  private static Path payload;

  @BeforeAll
  static void provision() throws Exception {
    rig =
        VirtualYubiKeyRig.builder()
            .serial(7654321)
            .touch(TouchMode.AUTO)
            .touchTimeout(Duration.ofSeconds(2))
            .start();
    Path pub = tmp.resolve("9c.pem");
    tool(
        PIV,
        "-a",
        "generate",
        "-s",
        "9c",
        "-A",
        "ECCP256",
        "--touch-policy=always",
        "-o",
        pub.toString());
    Path crt = tmp.resolve("9c.crt");
    Files.writeString(
        crt,
        dev.trustkeys.simulator.TestCerts.pem(
            "CERTIFICATE",
            dev.trustkeys.simulator.TestCerts.certificateFor(pub, "CN=root").getEncoded()));
    tool(PIV, "-a", "import-certificate", "-s", "9c", "-i", crt.toString());
    trust = tmp.resolve("trust");
    Result gen =
        keys(Map.of("NOTARY_ROOT_PASSPHRASE", "root-passphrase"), "generate", "--role", "root")
            .ok();
    Result list = keys(Map.of(), "--module", YKCS11, "list", "--json").ok();
    Matcher m = URI.matcher(list.out());
    assertTrue(m.find(), "the card's key is listed with its pkcs11: URI: " + list.out());
    keyUri = m.group(1);
    Matcher ids = Pattern.compile("[0-9a-f]{64}").matcher(list.out());
    while (ids.find()) {
      if (!gen.out().contains(ids.group())) {
        keyId = ids.group();
      }
    }
    assertTrue(keyId != null, list.out());
    payload = Files.writeString(tmp.resolve("payload"), "release 1.0");
    for (Route r : Route.values()) {
      sign(r).ok();
    }
  }

  @AfterAll
  static void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  /**
   * How {@code keys} reaches the card: ykcs11 through {@code --module} and a {@code pkcs11:} URI,
   * or its own YubiKey back end (libykpiv), which finds the key by ID.
   */
  enum Route {
    YKCS11,
    YUBIKEY
  }

  static List<String> signCommand(Route r) {
    return r == Route.YKCS11
        ? List.of("--module", YKCS11, "sign", "-k", keyUri, payload.toString())
        : List.of("sign", "-k", keyId, payload.toString());
  }

  static Map<String, String> pin(Route r, String pin) {
    return Map.of(r == Route.YKCS11 ? "KEYS_PKCS11_PIN" : "KEYS_YUBIKEY_PIN", pin);
  }

  static Result sign(Route r) {
    return keys(pin(r, "123456"), signCommand(r).toArray(new String[0]));
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void cardRemovedBeforeTheOperation_isOneDeviceError_andTheRetrySucceedsOnceItIsBack(Route route)
      throws Exception {
    Map<String, String> before = snapshot();
    rig.card().remove();
    try {
      Result r = sign(route);
      assertOneLineError(r, "removed card");
      assertEquals(before, snapshot());
    } finally {
      rig.card().insert();
    }
    sign(route).ok();
    assertEquals(before, snapshot());
  }

  /**
   * The card goes away while {@code keys} waits for the touch. The simulator finishes an APDU
   * already being processed before the removal takes effect, so the sign may still complete; either
   * way: no hang, at most one clear line, the trust directory unchanged, and the retry with the
   * card back succeeds.
   */
  @ParameterizedTest
  @EnumSource(Route.class)
  void cardRemovedWhileWaitingForTouch_neverHangsOrDamages_andTheRetrySucceeds(Route route)
      throws Exception {
    Map<String, String> before = snapshot();
    rig.card().touch().setMode(TouchMode.delay(1500));
    long requests = rig.card().touch().requests();
    Process p =
        new KeysRunner()
            .env("PCSCLITE_CSOCK_NAME", rig.env().get("PCSCLITE_CSOCK_NAME"))
            .env(pin(route, "123456").keySet().iterator().next(), "123456")
            .start(
                new KeysRunner()
                    .keysCommand(
                        concat(List.of("-d", trust.toString()), signCommand(route))
                            .toArray(new String[0])));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (rig.card().touch().requests() == requests
          && System.nanoTime() < deadline
          && p.isAlive()) {
        Thread.sleep(5);
      }
      assertTrue(rig.card().touch().requests() > requests, "keys reached the touch");
      rig.card().remove();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keys hangs after the card went away");
      String err = new String(p.getErrorStream().readAllBytes());
      if (p.exitValue() != 0) {
        // a fresh process verifies the PIN (the card is reset when a keys process ends), and the
        // factory PIN gets its warning first
        List<String> lines = err.lines().filter(l -> !l.startsWith("Warning: ")).toList();
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).startsWith("keys: ") && !err.contains("internal error"), err);
      }
    } finally {
      p.destroyForcibly();
      if (!rig.card().isPresent()) {
        rig.card().insert();
      }
      rig.card().touch().setMode(TouchMode.AUTO);
    }
    assertEquals(before, snapshot());
    sign(route).ok();
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void touchNeverGiven_isOneClearError_andTheRetryWithATouchSucceeds(Route route) throws Exception {
    Map<String, String> before = snapshot();
    rig.card().touch().setMode(TouchMode.NEVER);
    try {
      Result r = sign(route);
      assertOneLineError(r, "no touch");
      assertTrue(r.err().toLowerCase().contains("touch"), "says what to do: " + r.err());
    } finally {
      rig.card().touch().setMode(TouchMode.AUTO);
    }
    assertEquals(before, snapshot());
    sign(route).ok();
  }

  @Test
  void blockedPin_isADeviceError_andAfterUnblockingTheRetrySucceeds() throws Exception {
    Map<String, String> before = snapshot();
    Result last = null;
    for (int i = 0; i < 4; i++) {
      last = keys(pin(Route.YKCS11, "999999"), signCommand(Route.YKCS11).toArray(new String[0]));
      assertOneLineError(last, "wrong PIN " + i);
      assertTrue(last.exitCode() == 3 || last.exitCode() == 6, last.toString());
    }
    assertEquals(6, last.exitCode(), "blocked: " + last);
    assertTrue(last.err().toLowerCase().contains("block"), last.err());
    for (Route r : Route.values()) {
      Result blocked = sign(r);
      assertOneLineError(blocked, r + " with a blocked PIN");
      assertEquals(
          6, blocked.exitCode(), r + ": the right PIN cannot help a blocked card: " + blocked);
    }
    assertEquals(before, snapshot());
    tool(PIV, "-a", "unblock-pin", "-P", "12345678", "-N", "123456");
    for (Route r : Route.values()) {
      sign(r).ok();
    }
    assertEquals(before, snapshot());
  }

  @Test
  void yubikeyBackEnd_wrongPin_countsDown_andRefusesToSpendTheLastTryWithoutATerminal()
      throws Exception {
    Map<String, String> before = snapshot();
    Result first =
        keys(pin(Route.YUBIKEY, "999999"), signCommand(Route.YUBIKEY).toArray(new String[0]));
    assertOneLineError(first, "wrong PIN");
    assertEquals(3, first.exitCode(), first.toString());
    Result second =
        keys(pin(Route.YUBIKEY, "999999"), signCommand(Route.YUBIKEY).toArray(new String[0]));
    assertOneLineError(second, "wrong PIN twice");
    Result third =
        keys(pin(Route.YUBIKEY, "999999"), signCommand(Route.YUBIKEY).toArray(new String[0]));
    assertOneLineError(third, "last try");
    assertEquals(5, third.exitCode(), "the last try is not spent without a terminal: " + third);
    assertEquals(1, rig.card().state().pinTries(), "one try left");
    assertEquals(before, snapshot());
    tool(
        PIV,
        "-a",
        "verify-pin",
        "-P",
        "123456"); // the owner enters the right PIN elsewhere: counter back to 3
    sign(Route.YUBIKEY).ok();
    assertEquals(3, rig.card().state().pinTries());
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void cardResetByAnotherClient_betweenOperations_doesNotBreakTheNextOne(Route route)
      throws Exception {
    Map<String, String> before = snapshot();
    long resets = rig.card().trace().count("RESET");
    tool(
        PIV,
        "-a",
        "verify-pin",
        "-P",
        "123456",
        "-a",
        "status"); // another client, which disconnects with a reset
    rig.card().reset();
    assertTrue(rig.card().trace().count("RESET") > resets);
    assertFalse(rig.card().isPinVerified(), "the reset dropped the PIN");
    sign(route).ok();
    assertEquals(before, snapshot());
  }

  /**
   * One error line (the YubiKey back end may add a "Warning:" line about the factory PIN before
   * it).
   */
  private static void assertOneLineError(Result r, String what) {
    assertNotEquals(0, r.exitCode(), what + ": " + r);
    List<String> lines = r.err().lines().filter(l -> !l.startsWith("Warning: ")).toList();
    assertEquals(1, lines.size(), what + ": one line: " + r);
    assertTrue(lines.get(0).startsWith("keys: "), what + ": " + r);
    assertFalse(
        r.err().contains("internal error") || r.err().contains("Exception"), what + ": " + r);
  }

  private static Result keys(Map<String, String> env, String... args) {
    KeysRunner k =
        new KeysRunner().fastKdf().env("PCSCLITE_CSOCK_NAME", rig.env().get("PCSCLITE_CSOCK_NAME"));
    env.forEach(k::env);
    return k.keys(concat(List.of("-d", trust.toString()), List.of(args)).toArray(new String[0]));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static void tool(String... cmd) throws Exception {
    Process p = rig.command(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
  }

  private static Map<String, String> snapshot() throws Exception {
    Map<String, String> out = new TreeMap<>();
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> s = Files.walk(trust)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        out.put(
            trust.relativize(p).toString(),
            Files.isDirectory(p)
                ? "dir"
                : HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))));
      }
    } catch (IOException e) {
      throw e;
    }
    return out;
  }
}
