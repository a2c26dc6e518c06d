package dev.trustkeys.backend.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.simulator.VirtualYubiKeyRig;
import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.NotaryServerProcess;
import dev.trustkeys.tuf.RootCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real notary client (Debian 0.6.1, with PKCS#11: ykcs11 from
 * /usr/lib/x86_64-linux-gnu/libykcs11.so, which Debian's ykcs11 package provides) sees a root key
 * that {@code keys init} put on the YubiKey, and signs a new repository's root.json with it on the
 * card: the backup file is moved away first, so the YubiKey is the only place the key exists.
 * notary 0.6.1 (Go 1.19) cannot build a root certificate with a token key (Notary issue described
 * in the project's notes, section 3.9), so the certificate CN=GUN is made with {@code keys}' own
 * code signing on the YubiKey, and notary is given it with --rootcert.
 */
class NotaryYubiKeyIT {
  @TempDir Path tmp;

  @Test
  void notaryListsTheKeyOnTheYubiKey_andSignsRootJsonWithIt() throws Exception {
    String gun = "example.com/notary-yubikey";
    try (VirtualYubiKeyRig rig = YubiKeyRigs.start(VirtualYubiKeyRig.builder().serial(50000001));
        NotaryServerProcess server = NotaryServerProcess.start(tmp)) {
      Path trust = tmp.resolve("trust");
      KeysRunner k = YubiKeyCliIT.keys(rig);
      String id = YubiKeyCliIT.createdRoot(k.keys("-d", trust.toString(), "init", gun).ok());
      Path backup = trust.resolve("private").resolve(id + ".key");
      Files.move(backup, tmp.resolve("backup-elsewhere.key"));

      String list = k.command("notary", "-d", trust.toString(), "key", "list").ok().out();
      assertTrue(
          list.lines()
              .anyMatch(l -> l.startsWith("root") && l.contains(id) && l.endsWith("yubikey")),
          list);

      X509Certificate cert;
      try (YubiKeys yk =
          YubiKeys.probe(Map.of(YubiKeys.SOCKET_ENV, rig.env().get(YubiKeys.SOCKET_ENV)))) {
        YubiKeyBackend b =
            new YubiKeyBackend(
                yk,
                yk.select(50000001),
                r -> Optional.of(Secret.copyOf("123456".toCharArray(), Secret.Origin.PROGRAM)),
                null,
                new AttestationStore(tmp),
                new YubiKeyRigs.RecordingUser(),
                YubiKeyOptions.defaults(),
                Clock.systemUTC());
        try (Signer s = b.signer(KeyId.of(id))) {
          cert = RootCertificates.create(s, gun, Instant.now());
        }
      }
      Path certFile = tmp.resolve("root.crt");
      Files.writeString(certFile, AttestationStore.pem(cert));

      Path notaryTrust = tmp.resolve("notary-trust");
      rig.card().trace().clear();
      KeysRunner.Result init =
          new KeysRunner()
              .env("NOTARY_TARGETS_PASSPHRASE", "targets-pass-1")
              .env("NOTARY_SNAPSHOT_PASSPHRASE", "snapshot-pass-1")
              .env(VirtualYubiKeyRig.SOCKET_ENV, rig.env().get(VirtualYubiKeyRig.SOCKET_ENV))
              .command(
                  "notary",
                  "-s",
                  server.url(),
                  "-d",
                  notaryTrust.toString(),
                  "init",
                  gun,
                  "-p",
                  "--rootcert",
                  certFile.toString());
      assertEquals(0, init.exitCode(), init.toString() + "\nserver log: " + server.log());
      assertTrue(
          rig.card().trace().count("GENERAL_AUTHENTICATE") >= 1,
          "notary signed on the YubiKey: " + rig.card().trace().counters());
      String root =
          Files.readString(
              notaryTrust.resolve("tuf").resolve(gun).resolve("metadata").resolve("root.json"));
      assertTrue(root.contains("\"sig\""), root);
      KeysRunner.Result lookup =
          new KeysRunner()
              .command(
                  "notary", "-s", server.url(), "-d", tmp.resolve("fresh").toString(), "list", gun);
      assertEquals(0, lookup.exitCode(), "a fresh client accepts the published root: " + lookup);
    }
  }

  @Test
  void keysInitServer_createsTheRootKeyOnTheYubiKey_andPublishesWithIt() throws Exception {
    String gun = "example.com/keys-yubikey";
    try (VirtualYubiKeyRig rig = YubiKeyRigs.start(VirtualYubiKeyRig.builder().serial(50000002));
        NotaryServerProcess server = NotaryServerProcess.start(tmp)) {
      Path trust = tmp.resolve("trust");
      KeysRunner.Result r =
          YubiKeyCliIT.keys(rig)
              .env("KEYS_YUBIKEY_PIN", "123456")
              .keys("-d", trust.toString(), "init", "--server", server.url(), gun);
      assertEquals(0, r.exitCode(), r + "\nserver log: " + server.log());
      assertTrue(r.out().contains(") in yubikey:serial=50000002;slot=9c"), r.out());
      assertTrue(rig.card().trace().count("GENERAL_AUTHENTICATE") >= 1, "root signed on the card");
      KeysRunner.Result lookup =
          new KeysRunner()
              .command(
                  "notary", "-s", server.url(), "-d", tmp.resolve("fresh").toString(), "list", gun);
      assertEquals(
          0, lookup.exitCode(), "a fresh notary client accepts the published root: " + lookup);
    }
  }
}
