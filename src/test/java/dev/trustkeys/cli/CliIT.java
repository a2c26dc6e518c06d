package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.KeysRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command, run as a user runs it: a child process with no terminal. */
class CliIT {
  @TempDir Path tmp;

  private KeysRunner keys() {
    return new KeysRunner()
        .fastKdf()
        .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase")
        .env("NOTARY_TARGETS_PASSPHRASE", "targets-passphrase")
        .env("NOTARY_SNAPSHOT_PASSPHRASE", "snapshot-passphrase")
        .env("NOTARY_DELEGATION_PASSPHRASE", "delegation-passphrase");
  }

  private static List<String> ids(String out) {
    Matcher m = Pattern.compile("[0-9a-f]{64}").matcher(out);
    List<String> ids = new java.util.ArrayList<>();
    while (m.find()) {
      ids.add(m.group());
    }
    return ids;
  }

  @Test
  void trustDirOption_isAcceptedBeforeAndAfterTheSubcommand() {
    String dir = tmp.resolve("t").toString();
    keys().keys("-d", dir, "generate", "--role", "root").ok();
    Result before = keys().keys("-d", dir, "list").ok();
    Result after = keys().keys("list", "--trust-dir", dir).ok();
    assertEquals(before.out(), after.out());
    assertTrue(before.out().contains("root"), before.out());
  }

  @Test
  void dockerConfig_locatesTheTrustDirectory() {
    Path cfg = tmp.resolve("docker");
    keys().env("DOCKER_CONFIG", cfg.toString()).keys("generate", "--role", "root").ok();
    assertEquals(1, cfg.resolve("trust/private").toFile().list().length);
  }

  @Test
  void init_twice_createsNothingNew() {
    String dir = tmp.resolve("t").toString();
    Result first = keys().keys("-d", dir, "init", "example.com/app").ok();
    Result second = keys().keys("-d", dir, "init", "example.com/app").ok();
    assertEquals(3, ids(first.out()).size());
    assertEquals(ids(first.out()), ids(second.out()));
    assertTrue(second.out().contains("Root key found, using"), second.out());
    assertEquals(3, tmp.resolve("t/private").toFile().list().length);
  }

  /**
   * A trust directory named with -d that is not there, or is a file, was "No signing keys found",
   * exit 0.
   */
  @Test
  void list_ofAMissingTrustDirectory_exits4_andOfAFile_exits2() throws Exception {
    Path missing = tmp.resolve("nonexistent");
    Path file = Files.writeString(tmp.resolve("file"), "not a directory\n");
    for (List<String> list : List.of(List.of("list"), List.of("list", "--json"), List.of("ls"))) {
      Result r = new KeysRunner().keys(cat(List.of("-d", missing.toString()), list)).expect(4);
      assertEquals(
          "keys: the trust directory "
              + missing
              + " does not exist (keys init or keys generate creates it)\n",
          r.err(),
          list.toString());
      assertEquals("", r.out());
      Result f = new KeysRunner().keys(cat(List.of("-d", file.toString()), list)).expect(2);
      assertEquals(
          "keys: the trust directory " + file + " is not a directory: give a directory with -d\n",
          f.err());
    }
    Result inside = new KeysRunner().keys("-d", file.resolve("trust").toString(), "list").expect(2);
    assertTrue(inside.err().contains(file + " is not a directory"), inside.err());
    assertFalse(Files.exists(missing), "listing created nothing");
    // the default place (no -d) may well not exist yet: that is an empty listing
    new KeysRunner().env("HOME", tmp.resolve("fresh-home").toString()).keys("list").ok();
  }

  private static String[] cat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
  }

  /**
   * With only the root passphrase in the environment and no terminal, init made the root key and
   * then stopped on the targets key. Every passphrase it will need is now checked before the first
   * key is made.
   */
  @Test
  void init_withOnlyTheRootPassphrase_andNoTerminal_createsNothing_andNamesEveryMissingVariable()
      throws Exception {
    Path dir = tmp.resolve("t");
    Result r =
        new KeysRunner()
            .fastKdf()
            .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase")
            .keys("-d", dir.toString(), "init", "example.com/app")
            .expect(5);
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(
        r.err().contains("NOTARY_TARGETS_PASSPHRASE")
            && r.err().contains("NOTARY_SNAPSHOT_PASSPHRASE")
            && r.err().contains("DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE"),
        r.err());
    assertFalse(
        r.err().contains("NOTARY_ROOT_PASSPHRASE"), "the root passphrase is there: " + r.err());
    assertTrue(r.err().contains("nothing was created"), r.err());
    assertEquals("", r.out());
    assertTrue(
        !Files.exists(dir.resolve("private")) || dir.resolve("private").toFile().list().length == 0,
        "no key was made");

    // with --server the same check comes before the server is even asked (nothing listens on this
    // port)
    Result server =
        new KeysRunner()
            .fastKdf()
            .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase")
            .keys(
                "-d", dir.toString(), "init", "example.com/app", "--server", "https://127.0.0.1:9")
            .expect(5);
    assertTrue(
        server.err().contains("NOTARY_TARGETS_PASSPHRASE")
            && server.err().contains("nothing was created"),
        server.err());
    assertTrue(
        !Files.exists(dir.resolve("private"))
            || dir.resolve("private").toFile().list().length == 0);

    Result none =
        new KeysRunner().fastKdf().keys("-d", dir.toString(), "init", "example.com/app").expect(5);
    assertTrue(
        none.err().contains("NOTARY_ROOT_PASSPHRASE")
            && none.err().contains("NOTARY_TARGETS_PASSPHRASE"),
        none.err());

    Result ok =
        new KeysRunner()
            .fastKdf()
            .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase")
            .env("DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE", "repository-passphrase")
            .keys("-d", dir.toString(), "init", "example.com/app")
            .ok();
    assertEquals(3, ids(ok.out()).size(), ok.out());
    // with the root key made, a second GUN needs only the repository passphrases
    Result second =
        new KeysRunner()
            .fastKdf()
            .keys("-d", dir.toString(), "init", "example.com/other")
            .expect(5);
    assertFalse(second.err().contains("NOTARY_ROOT_PASSPHRASE"), second.err());
    // init --server signs the new root with the existing root key: its passphrase is needed too
    Result signer =
        new KeysRunner()
            .fastKdf()
            .env("DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE", "repository-passphrase")
            .keys(
                "-d",
                dir.toString(),
                "init",
                "example.com/other",
                "--server",
                "https://127.0.0.1:9")
            .expect(5);
    assertTrue(
        signer.err().contains("root key's passphrase")
            && signer.err().contains("NOTARY_ROOT_PASSPHRASE"),
        signer.err());
    assertEquals(3, dir.resolve("private").toFile().list().length);
  }

  @Test
  void listJson_hasTheDocumentedShape_andNeverNeedsAPassphrase() {
    String dir = tmp.resolve("t").toString();
    keys().keys("-d", dir, "init", "example.com/app").ok();
    Result r = new KeysRunner().keys("-d", dir, "list", "--json").ok();
    assertTrue(r.out().contains("\"keys\": ["), r.out());
    assertTrue(r.out().contains("\"role\": \"targets\""), r.out());
    assertTrue(r.out().contains("\"gun\": \"example.com/app\""), r.out());
    assertTrue(r.out().contains("\"algorithm\": \"ecdsa\""), r.out());
    assertTrue(r.out().contains("\"location\": \"file\""), r.out());
    assertTrue(r.out().contains("\"unreadable\": []"), r.out());
  }

  @Test
  void emptyTrustDirectory_saysSoLikeNotary() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Result r = new KeysRunner().keys("-d", empty.toString(), "list").ok();
    assertEquals("No signing keys found.\n", r.out());
    assertEquals(List.of(), List.of(empty.toFile().list()), "listing creates nothing");
  }

  @Test
  void noTerminalAndNoPassphrase_isOneClearErrorWithExitCode5() {
    Result r = new KeysRunner().keys("-d", tmp.toString(), "generate", "--role", "root").expect(5);
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("keys: no terminal to ask for a passphrase"), r.err());
    assertTrue(r.err().contains("NOTARY_ROOT_PASSPHRASE"), r.err());
  }

  @Test
  void wrongPassphrase_exitsWith3_andNamesKeyAndRole() {
    String dir = tmp.resolve("t").toString();
    String id = ids(keys().keys("-d", dir, "generate", "--role", "root").ok().out()).get(0);
    Result r =
        keys()
            .env("NOTARY_ROOT_PASSPHRASE", "not-the-passphrase")
            .keys("-d", dir, "export", "--public", id)
            .expect(3);
    assertTrue(r.err().contains("root key " + id.substring(0, 7)), r.err());
    assertEquals(1, r.err().lines().count());
  }

  @Test
  void usageErrors_exitWith2_andUnknownKeysWith4() {
    String dir = tmp.resolve("t").toString();
    keys().keys("-d", dir, "generate", "--role", "nonsense").expect(2);
    keys().keys("-d", dir, "generate", "--role", "targets").expect(2);
    keys().keys("-d", dir, "frobnicate").expect(2);
    keys().keys("-d", dir, "remove", "--yes", "abc").expect(2);
    keys().keys("-d", dir, "remove", "--yes", "abcdef0123").expect(4);
  }

  @Test
  void keyIdPrefixes_ofSevenCharacters_work_andShorterOnesAreRefused() {
    String dir = tmp.resolve("t").toString();
    String id = ids(keys().keys("-d", dir, "generate", "--role", "root").ok().out()).get(0);
    keys().keys("-d", dir, "export", "--public", id.substring(0, 7)).ok();
    Result r = keys().keys("-d", dir, "export", "--public", id.substring(0, 6)).expect(2);
    assertTrue(r.err().contains("at least 7"), r.err());
  }

  @Test
  void remove_withoutTerminal_needsYes_andThenDeletes() {
    String dir = tmp.resolve("t").toString();
    String id = ids(keys().keys("-d", dir, "generate", "--role", "root").ok().out()).get(0);
    Result r = keys().keys("-d", dir, "remove", id).expect(5);
    assertTrue(r.err().contains("--yes"), r.err());
    assertEquals(1, tmp.resolve("t/private").toFile().list().length);
    keys().keys("-d", dir, "remove", "--yes", id).ok();
    assertEquals(0, tmp.resolve("t/private").toFile().list().length);
  }

  @Test
  void exportThenImport_intoAnotherTrustDirectory_keepsRoleGunAndId() throws Exception {
    String a = tmp.resolve("a").toString();
    String b = tmp.resolve("b").toString();
    List<String> made = ids(keys().keys("-d", a, "init", "example.com/app").ok().out());
    Path out = tmp.resolve("export.pem");
    keys()
        .umask("022")
        .keys("-d", a, "export", made.get(0), made.get(1), made.get(2), "-o", out.toString())
        .ok();
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    assertEquals(3, Files.readString(out).split("path: ", -1).length - 1);
    Result imp = keys().keys("-d", b, "import", out.toString()).ok();
    assertEquals(3, imp.out().lines().filter(l -> l.startsWith("Imported")).count(), imp.out());
    assertEquals(
        keys().keys("-d", a, "list", "--json").ok().out().replace(a, "X"),
        keys().keys("-d", b, "list", "--json").ok().out().replace(b, "X"));
    Result again = keys().keys("-d", b, "import", out.toString()).ok();
    assertEquals(
        3, again.out().lines().filter(l -> l.startsWith("Already present")).count(), again.out());
  }

  @Test
  void permissions_are0600And0700_underUmask000() throws Exception {
    Path dir = tmp.resolve("t");
    keys().umask("000").keys("-d", dir.toString(), "init", "example.com/app").ok();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.collect(Collectors.toList())) {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", perms, p.toString());
      }
    }
  }

  @Test
  void passwd_withNewPassphraseFile_changesIt() throws Exception {
    String dir = tmp.resolve("t").toString();
    String id = ids(keys().keys("-d", dir, "generate", "--role", "root").ok().out()).get(0);
    Path np = tmp.resolve("new-pass");
    Files.writeString(np, "a-new-passphrase\n");
    keys().keys("-d", dir, "passwd", id, "--new-passphrase-file", np.toString()).ok();
    keys().keys("-d", dir, "export", "--public", id).expect(3);
    keys().keys("-d", dir, "--passphrase-file", np.toString(), "export", "--public", id).ok();
  }

  @Test
  void verbose_addsTheStackTrace_otherwiseOneLine() {
    String dir = tmp.resolve("t").toString();
    Result quiet = new KeysRunner().keys("-d", dir, "generate", "--role", "root").expect(5);
    Result loud =
        new KeysRunner().keys("-d", dir, "generate", "--role", "root", "--verbose").expect(5);
    assertEquals(1, quiet.err().lines().count());
    assertTrue(loud.err().lines().count() > 3);
    assertTrue(loud.err().contains("\tat dev.trustkeys."));
  }

  @Test
  void home_isTakenFromTheEnvironment_asDockerAndNotaryDo() {
    Path home = tmp.resolve("home");
    keys().env("HOME", home.toString()).keys("generate", "--role", "root").ok();
    assertEquals(1, home.resolve(".docker/trust/private").toFile().list().length);
    Result list = new KeysRunner().env("HOME", home.toString()).keys("list").ok();
    assertTrue(list.out().contains(home.resolve(".docker/trust/private").toString()), list.out());
  }

  @Test
  void unencryptedKeysFromOpenssl_areEncryptedOnImport_evenWithAnEcParametersBlock()
      throws Exception {
    Path ec = tmp.resolve("ec.pem");
    Path rsa = tmp.resolve("rsa.pem");
    // `openssl ecparam -genkey` writes an EC PARAMETERS block before the key (Notary issue #1057).
    new KeysRunner().command("sh", "-c", "openssl ecparam -name prime256v1 -genkey > " + ec).ok();
    new KeysRunner()
        .command(
            "openssl",
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            rsa.toString())
        .ok();
    assertTrue(Files.readString(ec).contains("EC PARAMETERS"));
    String dir = tmp.resolve("t").toString();
    Result r =
        keys()
            .keys(
                "-d",
                dir,
                "import",
                "--role",
                "targets",
                "--gun",
                "example.com/app",
                ec.toString(),
                rsa.toString())
            .ok();
    assertEquals(
        2, r.out().lines().filter(l -> l.startsWith("Imported: targets key")).count(), r.out());
    for (String id : ids(r.out())) {
      String stored = Files.readString(tmp.resolve("t/private/" + id + ".key"));
      assertTrue(
          stored.startsWith(
              "-----BEGIN ENCRYPTED PRIVATE KEY-----\ngun: example.com/app\nrole: targets\n"),
          stored);
      keys().keys("-d", dir, "export", "--public", id).ok();
    }
    String pub =
        new KeysRunner().command("openssl", "pkey", "-in", ec.toString(), "-pubout").ok().out();
    String exported = keys().keys("-d", dir, "export", "--public", ids(r.out()).get(0)).ok().out();
    assertEquals(
        pub.replaceAll("-----[A-Z ]+-----|\\s", ""),
        exported.replaceAll("-----[A-Z ]+-----|role: \\S+|\\s", ""));
  }
}
