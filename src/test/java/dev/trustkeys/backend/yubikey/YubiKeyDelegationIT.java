package dev.trustkeys.backend.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.simulator.ApduTrace;
import dev.trustkeys.simulator.VirtualYubiKeyRig;
import dev.trustkeys.testing.DockerTrustRig;
import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.KeysRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signer whose key is on the (virtual) YubiKey, which Notary never allowed for delegation keys
 * (notary #306): {@code keys signer add} creates the repository with its root key on the YubiKey
 * too, {@code keys tag sign} signs on the card (the key's backup file moved away first), and the
 * real {@code docker trust inspect} and {@code notary list} read the result from the TLS + token
 * notary-server.
 */
class YubiKeyDelegationIT {
  @TempDir Path tmp;

  @Test
  void signerKeyOnTheYubiKey_signsTags_dockerAndNotaryReadThem() throws Exception {
    System.setProperty("keys.kdf.iterations", "2048");
    try (VirtualYubiKeyRig rig = YubiKeyRigs.start(VirtualYubiKeyRig.builder().serial(50000077));
        DockerTrustRig trust = DockerTrustRig.start(tmp.resolve("server"))) {
      Map<String, String> env = new HashMap<>(rig.env());
      env.put("KEYS_YUBIKEY_PIN", "123456");
      DockerTrustRig.Home h = trust.home(tmp).with(env);
      String repo = DockerTrustRig.REGISTRY + "/hw/app";
      KeysCli keys = h.keys();
      KeysCli.Result gen = ok(keys.run("generate", "--role", "targets/ci", "--yubikey"));
      Matcher m = Pattern.compile("keyID: ([0-9a-f]{64})").matcher(gen.out());
      assertTrue(m.find() && gen.out().contains("yubikey:serial=50000077"), gen.toString());
      String ci = m.group(1);
      Files.move(
          h.trustDir().resolve("private").resolve(ci + ".key"),
          tmp.resolve("ci-backup-elsewhere.key"));

      KeysCli.Result added = ok(keys.run("signer", "add", "--key", ci, "ci", repo));
      assertTrue(
          added.out().contains("Initializing signed repository for " + repo), added.toString());
      String status = ok(keys.run("status", repo, "--server", trust.server().url())).out();
      assertTrue(
          status.lines().filter(l -> l.contains(ci)).allMatch(l -> l.contains("yubikey:")), status);
      assertTrue(status.lines().anyMatch(l -> l.startsWith("root")), status);
      String root =
          status.lines().dropWhile(l -> !l.startsWith("root")).skip(1).findFirst().orElseThrow();
      assertTrue(
          root.contains("yubikey:"),
          "the new repository's root key went to the YubiKey: " + status);

      rig.card().trace().clear();
      ok(
          keys.run(
              "tag",
              "sign",
              repo + ":1.0",
              repo + ":stable",
              "--digest",
              "sha256:" + "12".repeat(32),
              "--size",
              "321"));
      assertTrue(
          rig.card().trace().count("GENERAL_AUTHENTICATE") >= 2,
          "releases and ci signed on the card: " + rig.card().trace().counters());

      KeysRunner.Result docker = h.run("docker", "trust", "inspect", repo);
      assertEquals(0, docker.exitCode(), docker.toString());
      assertTrue(
          docker.out().contains("\"SignedTag\": \"stable\"") && docker.out().contains("\"ci\""),
          docker.out());
      assertEquals(docker.out(), ok(keys.run("inspect", repo)).out());
      String list = h.notary().run("list", repo).output();
      assertTrue(list.contains("1.0") && list.contains("targets/ci"), list);

      ok(keys.run("tag", "revoke", repo + ":1.0"));
      assertFalse(h.run("docker", "trust", "inspect", repo).out().contains("\"1.0\""));
    } finally {
      System.clearProperty("keys.kdf.iterations");
    }
  }

  /**
   * The card's round trips when {@code keys tag sign} signs targets/releases and targets/ci with
   * the signer's key on the YubiKey, each command a fresh process (as a CI job runs it): the first
   * signature in at most 6 APDUs (SELECT; the certificate in 9c, which names the key and its PIN
   * policy; the PIN tries; VERIFY; GENERAL AUTHENTICATE), no serial number read, each slot read at
   * most once, and the PIN as the slot's policy says: with "once" verified once per process (the
   * second signature is one APDU), with "always" (9c's default, what {@code keys generate
   * --yubikey} gives a delegation key there) verified again before each signature. Several tags
   * cost what one does. {@code keys signer add}, which here makes the repository with a new root
   * key on the card (slot 9a, PIN policy once), verifies the PIN once for its two signatures.
   */
  @Test
  void tagSign_fromAFreshProcess_firstSignatureInAtMostSixApdus_andThePinAsTheSlotPolicySays()
      throws Exception {
    try (VirtualYubiKeyRig rig = YubiKeyRigs.start(VirtualYubiKeyRig.builder().serial(50000078));
        DockerTrustRig trust = DockerTrustRig.start(tmp.resolve("server"))) {
      for (String policy : new String[] {"once", "default"}) {
        CardReset.reset(rig);
        Map<String, String> env = new HashMap<>(rig.env());
        env.put("KEYS_YUBIKEY_PIN", "123456");
        DockerTrustRig.Home h = trust.home(tmp.resolve(policy)).with(env);
        String repo = DockerTrustRig.REGISTRY + "/hw/" + policy;
        String dir = h.trustDir().toString();
        KeysRunner.Result gen =
            fresh(h)
                .keys(
                    "-d",
                    dir,
                    "generate",
                    "--role",
                    "targets/ci",
                    "--yubikey",
                    "--pin-policy",
                    policy)
                .ok();
        Matcher m = Pattern.compile("keyID: ([0-9a-f]{64})").matcher(gen.out());
        assertTrue(m.find() && gen.out().contains(";slot=9c"), gen.out());
        String ci = m.group(1);
        // only the card can sign with it now
        Files.move(
            h.trustDir().resolve("private").resolve(ci + ".key"),
            tmp.resolve(policy + "-ci-backup-elsewhere.key"));
        String status = fresh(h).keys("-d", dir, "yubikey", "status", "--json").ok().out();
        assertTrue(
            status.contains(
                "\"pinPolicy\": \"" + (policy.equals("once") ? "once" : "always") + "\""),
            "a delegation key made in 9c with PIN policy " + policy + ": " + status);

        rig.card().trace().clear();
        fresh(h).keys("-d", dir, "signer", "add", "--key", ci, "ci", repo).ok();
        ApduTrace add = rig.card().trace();
        System.out.println(
            "APDUs for keys signer add ("
                + policy
                + "; new repository, root key made on the card): "
                + add.apduCount()
                + " "
                + add.counters());
        assertEquals(
            2,
            add.count("GENERAL_AUTHENTICATE"),
            "root certificate and root.json: " + add.counters());
        assertEquals(1, add.count("VERIFY"), "the PIN once (9a: policy once): " + add.counters());

        List<Map<String, Long>> byTags = new ArrayList<>();
        for (String[] tags : new String[][] {{"1.0"}, {"a", "b", "c"}}) {
          List<String> args = new ArrayList<>(List.of("-d", dir, "tag", "sign"));
          for (String t : tags) {
            args.add(repo + ":" + t);
          }
          args.addAll(List.of("--digest", "sha256:" + "12".repeat(32), "--size", "321"));
          rig.card().trace().clear();
          KeysRunner.Result signed = fresh(h).keys(args.toArray(new String[0])).ok();
          assertTrue(signed.out().contains("into targets/ci, targets/releases"), signed.toString());
          ApduTrace t = rig.card().trace();
          List<String> ins = new ArrayList<>();
          t.entries().forEach(e -> ins.add(e.instruction()));
          String what =
              "keys tag sign of "
                  + tags.length
                  + " tag(s), PIN policy "
                  + policy
                  + ": "
                  + t.apduCount()
                  + " APDUs "
                  + t.counters()
                  + " "
                  + ins;
          System.out.println("APDUs for " + what);
          int first = ins.indexOf("GENERAL_AUTHENTICATE") + 1;
          int second = ins.lastIndexOf("GENERAL_AUTHENTICATE") + 1;
          assertEquals(2, t.count("GENERAL_AUTHENTICATE"), "releases and ci on the card: " + what);
          assertTrue(
              first >= 1 && first <= 6, "the first signature took " + first + " APDUs: " + what);
          assertEquals(
              policy.equals("once") ? 1 : 3,
              second - first,
              "the second signature (once: GENERAL AUTHENTICATE only; always: tries, VERIFY,"
                  + " GENERAL AUTHENTICATE): "
                  + what);
          assertEquals(
              policy.equals("once") ? 1 : 2,
              t.count("VERIFY"),
              "the PIN as the slot's policy says, and not left verified by the process before: "
                  + what);
          assertEquals(0, t.count("OTP_GET_SERIAL"), "the serial is not read to sign: " + what);
          assertEquals(1, t.count("SELECT"), what);
          assertTrue(t.count("GET_DATA") <= 3, "each slot read at most once: " + what);
          Map<String, Long> counts = new TreeMap<>();
          ins.forEach(i -> counts.merge(i, 1L, Long::sum));
          byTags.add(counts);
        }
        assertEquals(byTags.get(0), byTags.get(1), "three tags cost what one does");
      }
    }
  }

  /** {@code keys} in a fresh process, in the home's environment (the card's socket, its PIN). */
  private static KeysRunner fresh(DockerTrustRig.Home h) {
    KeysRunner k = new KeysRunner().fastKdf().jvm("-XX:TieredStopAtLevel=1");
    h.env().forEach(k::env);
    return k;
  }

  static KeysCli.Result ok(KeysCli.Result r) {
    assertEquals(0, r.exit(), r.toString());
    return r;
  }
}
