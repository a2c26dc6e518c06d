package dev.trustkeys.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link VirtualYubiKeyRig} until SIGTERM: the process behind {@code simulator/yubikey up}.
 * Writes into {@code --dir}: {@code env} (export lines), {@code server.pid}, {@code pcscd.pid},
 * {@code counters-<serial>.json} (refreshed every 500 ms), {@code attestation-root-<serial>.pem}.
 */
public final class VirtualYubiKeyServer {
  private VirtualYubiKeyServer() {}

  public static void main(String[] args) throws Exception {
    VirtualYubiKeyRig.Builder b = VirtualYubiKeyRig.builder();
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--dir":
          dir = Path.of(need(a, v));
          i++;
          break;
        case "--serial":
          b.serial(Integer.parseInt(need(a, v)));
          i++;
          break;
        case "--second-serial":
          b.backupSerial(Integer.parseInt(need(a, v)));
          i++;
          break;
        case "--state":
          b.stateFile(Path.of(need(a, v)));
          i++;
          break;
        case "--second-state":
          b.backupStateFile(Path.of(need(a, v)));
          i++;
          break;
        case "--touch":
          b.touch(TouchMode.parse(need(a, v)));
          i++;
          break;
        case "--touch-timeout-ms":
          b.touchTimeout(Duration.ofMillis(Long.parseLong(need(a, v))));
          i++;
          break;
        case "--trace":
          b.traceFile(Path.of(need(a, v)));
          i++;
          break;
        case "--port":
          b.port(Integer.parseInt(need(a, v)));
          i++;
          break;
        case "--reader-name":
          b.readerName(need(a, v));
          i++;
          break;
        default:
          System.err.println("unknown option " + a + "; see docs/simulator.md");
          System.exit(2);
      }
    }
    if (dir == null) {
      System.err.println("--dir DIR is required");
      System.exit(2);
    }
    Files.createDirectories(dir);
    VirtualYubiKeyRig rig = b.directory(dir).start();
    CountDownLatch stop = new CountDownLatch(1);
    final Path d = dir;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  writeCounters(rig, d);
                  rig.close();
                  stop.countDown();
                },
                "virtual-yubikey-shutdown"));
    write(dir.resolve("server.pid"), ProcessHandle.current().pid() + "\n");
    write(dir.resolve("pcscd.pid"), rig.pcscd().pid() + "\n");
    for (VirtualYubiKey card : cards(rig)) {
      write(
          dir.resolve("attestation-root-" + card.serial() + ".pem"),
          pem(card.state().authority().rootCertificateDer()));
    }
    writeCounters(rig, dir);
    StringBuilder env = new StringBuilder();
    env.append("export ")
        .append(VirtualYubiKeyRig.SOCKET_ENV)
        .append('=')
        .append(rig.pcscd().socket())
        .append('\n');
    env.append("export KEYS_YUBIKEY_SIM_DIR=").append(dir).append('\n');
    env.append("export KEYS_YUBIKEY_SIM_SERIAL=").append(rig.card().serial()).append('\n');
    if (rig.backupCard() != null) {
      env.append("export KEYS_YUBIKEY_SIM_SECOND_SERIAL=")
          .append(rig.backupCard().serial())
          .append('\n');
    }
    write(dir.resolve("env"), env.toString());
    System.out.println("virtual YubiKey ready: " + rig);
    System.out.flush();
    while (!stop.await(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      writeCounters(rig, dir);
    }
  }

  private static List<VirtualYubiKey> cards(VirtualYubiKeyRig rig) {
    List<VirtualYubiKey> l = new ArrayList<>();
    l.add(rig.card());
    if (rig.backupCard() != null) {
      l.add(rig.backupCard());
    }
    return l;
  }

  private static void writeCounters(VirtualYubiKeyRig rig, Path dir) {
    for (VirtualYubiKey c : cards(rig)) {
      String json =
          "{\"serial\":"
              + c.serial()
              + ",\"present\":"
              + c.isPresent()
              + ",\"touch\":\""
              + c.touch().mode()
              + "\",\"pinTries\":"
              + c.state().pinTries()
              + ",\"pukTries\":"
              + c.state().pukTries()
              + ",\"touchRequests\":"
              + c.touch().requests()
              + ",\"counters\":"
              + c.trace().countersJson()
              + "}\n";
      try {
        write(dir.resolve("counters-" + c.serial() + ".json"), json);
      } catch (IOException e) {
        System.err.println("cannot write counters: " + e.getMessage());
      }
    }
  }

  static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }

  private static void write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String need(String opt, String v) {
    if (v == null) {
      throw new IllegalArgumentException(opt + " needs a value");
    }
    return v;
  }
}
