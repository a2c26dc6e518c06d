package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.Remedy.Kind;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.testing.KeysCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library says what is wrong; the command line adds what to do, with its own flags. */
class AdviceTest {
  @TempDir Path tmp;

  private static final String GUN = "example.com/app";
  private static final String SERVER = "https://notary.example.com:4443";
  private static final Path CA = Path.of("/home/u/.docker/tls/notary.example.com:4443/ca.crt");

  /** Each remedy, with what it is about filled in, and the whole sentence after "PROBLEM". */
  private static Map<Remedy, String> sentences() {
    Map<Remedy, String> m = new LinkedHashMap<>();
    m.put(
        Remedy.of(Kind.RESTORE_OR_MOVE_KEY_FILE),
        "P: restore it from a backup ('keys restore') or move it away");
    m.put(
        Remedy.of(Kind.RESTORE_OR_MOVE_OUT_OF_KEY_DIRECTORY),
        "P: restore it from a backup (keys restore ARCHIVE) or move it out of private/");
    m.put(
        Remedy.of(Kind.CHOOSE_TOKEN),
        "P: make the root key on the one you choose first (keys generate --role root --pkcs11"
            + " 'pkcs11:token=LABEL')");
    m.put(
        Remedy.of(Kind.PASSPHRASE_FROM_FILE), "P: set the variable, or use --passphrase-file FILE");
    m.put(Remedy.of(Kind.CHOOSE_YUBIKEY), "P: choose one with --serial N");
    m.put(
        Remedy.of(Kind.NAME_MODULE), "P: name the module with --module PATH or KEYS_PKCS11_MODULE");
    m.put(Remedy.of(Kind.WHERE_A_MODULE_IS_NAMED), "P (--module or KEYS_PKCS11_MODULE)");
    m.put(Remedy.of(Kind.FIX_MODULE), "P: fix --module / KEYS_PKCS11_MODULE, or unset it");
    m.put(Remedy.of(Kind.NAME_GUN), "P: name it with --gun GUN");
    m.put(Remedy.of(Kind.USE_ECDSA), "P: use --algorithm ecdsa");
    m.put(
        Remedy.of(Kind.REPLACE_OR_RENAME), "P: choose another name, or add --force to replace it");
    m.put(Remedy.of(Kind.LET_THE_SERVER_HOLD_IT), "P: add --server-managed");
    m.put(Remedy.of(Kind.NAME_PUBLIC_KEY), "P: give --key");
    m.put(Remedy.of(Kind.NAME_SERVER), "P: give --server URL");
    m.put(Remedy.of(Kind.CHECK_SERVER), "P: check --server");
    m.put(
        Remedy.of(Kind.CHECK_SERVER_IS_NOTARY),
        "P: check --server, which must name the Notary server, not the registry or a web site");
    m.put(Remedy.of(Kind.CHECK_WHAT_ANSWERS), "P, so check --server and what answers there");
    m.put(
        Remedy.forServer(Kind.USE_HTTPS, SERVER),
        "P: use --server https://notary.example.com:4443");
    m.put(Remedy.of(Kind.USE_OWN_NOTARY_SERVER), "P: use your own Notary server with --server URL");
    m.put(Remedy.of(Kind.FIX_VARIABLE_OR_NAME_SERVER), "P: fix it, or give --server URL");
    m.put(
        Remedy.forPath(Kind.TRUST_THE_CA, CA),
        "P: give that CA's certificate with --tlscacert FILE or in " + CA);
    m.put(
        Remedy.forPath(Kind.TRUST_THE_CA, null),
        "P: give that CA's certificate with --tlscacert FILE");
    m.put(
        Remedy.forPath(Kind.GIVE_CLIENT_CERTIFICATE, CA),
        "P: give --tlscert FILE and --tlskey FILE (or client.cert and client.key beside the CA:"
            + " --tlscacert FILE or in "
            + CA
            + ")");
    m.put(
        Remedy.forPath(Kind.REPLACE_CLIENT_CERTIFICATE, null),
        "P: give one its CA accepts (or client.cert and client.key beside the CA: --tlscacert"
            + " FILE)");
    m.put(
        Remedy.of(Kind.GIVE_CERTIFICATE_AND_KEY),
        "P: give both --tlscert and --tlskey (or client.cert and client.key)");
    m.put(
        Remedy.forGunOnServer(Kind.CREATE_REPOSITORY, GUN, SERVER),
        "P: create it with 'keys init example.com/app --server https://notary.example.com:4443'");
    m.put(
        Remedy.forGun(Kind.CREATE_REPOSITORY_OR_NAME_SERVER, GUN),
        "P: run 'keys init example.com/app --server URL' or give --server");
    m.put(
        Remedy.forGun(Kind.FETCH_CACHED_AGAIN, GUN),
        "P: delete it, and 'keys verify example.com/app --server URL' fetches it again");
    m.put(Remedy.of(Kind.ROTATE_TO_CHANGE_KEYS), "P; use 'keys rotate' to change its keys");
    m.put(
        Remedy.forKey(Kind.KEEP_OR_REMOVE_NEW_KEY, "abc1234"),
        "P: keep it for the next try, or remove it with 'keys remove abc1234'");
    m.put(
        Remedy.of(Kind.SIGN_WHERE_THE_KEY_IS),
        "P: sign where its key is, or import it ('keys import FILE')");
    m.put(
        Remedy.of(Kind.ADD_SIGNER_OR_NAME_ROLE),
        "P: import a signer's key, add one with 'keys signer add', or name a role with --role");
    m.put(
        Remedy.forGun(Kind.LIST_DELEGATIONS, GUN),
        "P (see 'keys delegation list example.com/app')");
    m.put(
        Remedy.of(Kind.COLLECT_ROOT_SIGNATURES),
        "P: collect the others with 'keys ceremony plan/sign/publish'");
    m.put(
        Remedy.of(Kind.ROOT_HOLDERS_SIGN),
        "P; have their holders sign with 'keys ceremony plan/sign/publish'");
    m.put(
        Remedy.forGun(Kind.RECREATE_REPOSITORY, "g"),
        "P; the only way out is to delete the repository on the server ('notary delete g"
            + " --remote'), create it again with a new root ('keys init g'), and have every"
            + " consumer delete its cached trust data for g ('notary delete g' or remove tuf/g),"
            + " since until then they refuse the new root with 'could not rotate trust to a new"
            + " trusted root'");
    m.put(
        Remedy.of(Kind.MAKE_WRITABLE_OR_USE_ANOTHER_DIRECTORY),
        "P (make it writable, or use -d DIR)");
    m.put(
        Remedy.forYubiKey(Kind.UNBLOCK_PIN, "7100003"),
        "P: unblock it with 'keys yubikey unblock-pin --serial 7100003' (needs the PUK)");
    m.put(
        Remedy.forYubiKey(Kind.UNBLOCK_PIN, null),
        "P: unblock it with 'keys yubikey unblock-pin' (needs the PUK)");
    m.put(
        Remedy.forYubiKey(Kind.UNBLOCK_PIN_COMMAND, "7100003"),
        "P: keys yubikey unblock-pin --serial 7100003");
    m.put(
        Remedy.forYubiKey(Kind.KEEP_PIN_TRIES, "7100003"),
        "P: enter the right PIN once to restore the tries, or set a new one with the PUK: keys"
            + " yubikey unblock-pin --serial 7100003");
    m.put(
        Remedy.of(Kind.RESET_YUBIKEY),
        "P: only 'keys yubikey reset' (erases all keys on it) can make it usable again");
    m.put(
        Remedy.forYubiKey(Kind.CHANGE_FACTORY_CREDENTIAL, "7100003"),
        "P: run 'keys yubikey setup --serial 7100003' to change it");
    m.put(
        Remedy.forYubiKey(Kind.SET_UP_YUBIKEY, "7100003"),
        "P: keys yubikey setup --serial 7100003");
    m.put(
        Remedy.of(Kind.SETUP_REPLACES_FACTORY_CREDENTIALS),
        "P (keys yubikey setup replaces all three)");
    m.put(Remedy.of(Kind.FREE_A_SLOT), "P: remove a key with 'keys remove ID' first");
    m.put(Remedy.of(Kind.CLEAR_SLOT_BY_HAND), "P: run 'keys yubikey status' and remove it by hand");
    m.put(Remedy.of(Kind.GIVE_ATTESTATION_ROOT), "P (give --attestation-root FILE)");
    m.put(
        Remedy.of(Kind.CHECK_WHOLE_ATTESTATION_CHAIN),
        "P; pass --attestation-root FILE (Yubico's PIV root CA) to check the whole chain");
    m.put(Remedy.of(Kind.YUBIKEY_URI_FORM), "P (yubikey:serial=N;slot=9c, as keys list shows it)");
    m.put(
        Remedy.of(Kind.GIVE_A_LISTED_KEY_ID),
        "P: give the ID (or 7+ characters of it) shown by 'keys list'");
    m.put(Remedy.of(Kind.LIST_KEYS), "P: 'keys list' shows the keys there are");
    m.put(Remedy.of(Kind.LIST_KEYS_AGAIN), "P: run 'keys list' again");
    m.put(Remedy.of(Kind.NAME_ARCHIVE_FILE), "P: name the archive file with -o FILE");
    m.put(
        Remedy.of(Kind.DRY_RUN_RESTORE),
        "P: it was not written by 'keys backup', so there are no hashes to check ('keys restore"
            + " --dry-run' checks that it can be restored)");
    m.put(
        Remedy.of(Kind.RESTORE_ELSEWHERE),
        "P (replace it with a directory, or restore into another trust directory with -d DIR)");
    m.put(Remedy.of(Kind.OVERWRITE), "P; use --overwrite to replace them");
    m.put(
        Remedy.forKey(Kind.LEAVE_OUT_ADDED_CERTIFICATE, "abc1234"),
        "P; leave --add-cert abc1234 out");
    m.put(
        Remedy.forKey(Kind.REMOVE_AND_ADD_IN_ONE_PLAN, "abc1234"),
        "P; remove it in the same plan (--remove-key abc1234) to list it anew");
    m.put(Remedy.of(Kind.PUBLISH_TO_SERVER), "P: publish it with --server URL");
    m.put(Remedy.of(Kind.PUBLISH_TO_REPOSITORY), "P: publish it with --tuf REPO");
    m.put(
        Remedy.of(Kind.VERIFY_ON_SERVER),
        "P: check it against where it was published with 'keys ceremony verify REQUEST --server"
            + " URL'");
    m.put(
        Remedy.of(Kind.VERIFY_IN_REPOSITORY),
        "P: check it against where it was published with 'keys ceremony verify REQUEST --tuf"
            + " REPO'");
    m.put(
        Remedy.of(Kind.CHECK_PUBLISHED_ON_SERVER),
        "P ('keys ceremony verify REQUEST --server URL' checks it on the server)");
    m.put(
        Remedy.of(Kind.CHECK_PUBLISHED_IN_REPOSITORY),
        "P ('keys ceremony verify REQUEST --tuf REPO' checks it in the repository)");
    m.put(
        Remedy.forPath(Kind.CREATE_TUF_REPOSITORY, Path.of("repo")),
        "P (create one with 'keys tuf init repo')");
    m.put(Remedy.of(Kind.TUF_INIT_MAKES_NEW_ONLY), "P; keys tuf init makes a new repository only");
    m.put(Remedy.of(Kind.VERIFY_TUF_REPOSITORY), "P ('keys tuf verify' says more)");
    m.put(Remedy.of(Kind.CREATE_TRUST_DIRECTORY), "P ('keys init' or 'keys generate' creates it)");
    m.put(
        Remedy.forRole(Kind.RESIGN_METADATA, GUN, "snapshot"),
        "P: re-sign it: keys rotate example.com/app snapshot --server URL, or publish new content");
    m.put(
        Remedy.forGun(Kind.ROTATE_ROOT_KEY, GUN),
        "P: rotate the root key: keys rotate example.com/app root --server URL");
    m.put(
        Remedy.forGun(Kind.REMOVE_AND_FETCH_AGAIN, GUN),
        "P: remove it, then fetch it again (keys status example.com/app --server URL)");
    m.put(
        Remedy.forCache(Kind.FETCH_AGAIN_OR_REMOVE_CACHE, GUN, Path.of("/t/tuf/example.com/app")),
        "P: fetch it again (keys status example.com/app --server URL) or remove the cache"
            + " directory /t/tuf/example.com/app");
    m.put(
        Remedy.of(Kind.BACK_UP_AND_CHECK),
        "P: keys backup -o /media/safe/keys.tar.gz, then keys doctor --backup"
            + " /media/safe/keys.tar.gz");
    return m;
  }

  @Test
  void everyRemedy_isWorded_asTheSentenceReads() {
    Set<Kind> seen = EnumSet.noneOf(Kind.class);
    for (Map.Entry<Remedy, String> e : sentences().entrySet()) {
      String words = Advice.of(e.getKey());
      assertFalse(words.isBlank(), e.getKey().toString());
      assertFalse(words.endsWith("."), e.getKey() + ": one clause, after the problem: " + words);
      assertEquals(e.getValue(), Advice.join("P", e.getKey()), e.getKey().toString());
      seen.add(e.getKey().kind());
    }
    assertEquals(EnumSet.allOf(Kind.class), seen, "every kind of remedy has its sentence here");
  }

  @Test
  void aRemedy_takesWhatItIsAbout_andNothingElse() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Remedy.of(Kind.ROTATE_ROOT_KEY));
    assertEquals("ROTATE_ROOT_KEY is about GUN, not NOTHING", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Remedy.forGun(Kind.UNBLOCK_PIN, "example.com/app"));
    assertEquals(
        Remedy.forYubiKey(Kind.UNBLOCK_PIN, "1"), Remedy.forYubiKey(Kind.UNBLOCK_PIN, "1"));
    assertFalse(
        Remedy.forYubiKey(Kind.UNBLOCK_PIN, "1").equals(Remedy.forYubiKey(Kind.UNBLOCK_PIN, "2")));
  }

  @Test
  void theLibrarysMessage_namesNoFlag_andTheErrorLineAddsIt() {
    UsageException e =
        assertThrows(
            UsageException.class, () -> KeySpec.of(Role.TARGETS, "", Algorithm.ECDSA_P256));
    assertEquals("targets keys belong to one repository", e.getMessage());
    assertEquals(Remedy.of(Kind.NAME_GUN), e.remedy().orElseThrow());
    StringWriter err = new StringWriter();
    int code = Main.report(e, false, new PrintWriter(err, true));
    assertEquals(ExitCode.USAGE.value(), code);
    assertEquals(
        "keys: targets keys belong to one repository: name it with --gun GUN\n", err.toString());
  }

  @Test
  void aFailureWithoutRemedy_isPrintedAsIs() {
    StringWriter err = new StringWriter();
    Main.report(
        new KeysException("the server said no", ExitCode.FAILURE),
        false,
        new PrintWriter(err, true));
    assertEquals("keys: the server said no\n", err.toString());
    assertTrue(Advice.message(new KeysException("x")).equals("x"));
  }

  // One run of keys per family of remedies: the flag or command reaches the person.

  @Test
  void keys_aKeyIdThatIsNone_isToldWhereIdsAreShown() {
    KeysCli.Result r = new KeysCli(tmp.resolve("trust"), Map.of()).run("export", "not-hex");
    assertEquals(ExitCode.USAGE.value(), r.exit(), r.toString());
    assertEquals(
        "keys: 'not-hex' is not a key ID: give the ID (or 7+ characters of it) shown by 'keys"
            + " list'\n",
        r.err());
  }

  @Test
  void server_aWebSiteInsteadOfNotary_isToldToCheckServer() throws Exception {
    HttpServer web =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    web.createContext(
        "/",
        x -> {
          byte[] page = "<html>a web site</html>".getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          x.sendResponseHeaders(200, page.length);
          x.getResponseBody().write(page);
          x.close();
        });
    web.start();
    try {
      String url = "http://127.0.0.1:" + web.getAddress().getPort();
      KeysCli.Result r =
          new KeysCli(tmp.resolve("trust"), Map.of("HOME", tmp.toString()))
              .run("status", GUN, "--server", url);
      assertEquals(ExitCode.FAILURE.value(), r.exit(), r.toString());
      assertTrue(
          r.err()
              .endsWith(
                  "): check --server, which must name the Notary server, not the registry or a"
                      + " web site\n"),
          r.err());
    } finally {
      web.stop(0);
    }
  }

  @Test
  void backup_aDirectoryForTheArchive_isToldTheFlag() throws Exception {
    KeysCli keys = new KeysCli(tmp.resolve("trust"), Map.of());
    Files.createDirectories(tmp.resolve("trust/private"));
    Path dir = Files.createDirectories(tmp.resolve("out"));
    KeysCli.Result r = keys.run("backup", "-o", dir.toString());
    assertEquals(ExitCode.USAGE.value(), r.exit(), r.toString());
    assertEquals("keys: " + dir + " is a directory: name the archive file with -o FILE\n", r.err());
  }

  @Test
  void tuf_aFolderWithoutMetadata_isToldHowToCreateOne() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    KeysCli.Result r =
        new KeysCli(tmp.resolve("trust"), Map.of()).run("tuf", "verify", repo.toString());
    assertEquals(ExitCode.NOT_FOUND.value(), r.exit(), r.toString());
    assertEquals(
        "keys: "
            + repo
            + " is not a TUF repository: it has no metadata/ folder (create one with 'keys tuf init "
            + repo
            + "')\n",
        r.err());
  }

  @Test
  void doctor_aNoteAndAFix_areWordedInTextAndJson() {
    KeysCli keys = new KeysCli(tmp.resolve("none"), Map.of("HOME", tmp.toString()));
    KeysCli.Result text = keys.run("doctor");
    assertTrue(
        text.out()
            .contains(
                "no trust directory at "
                    + tmp.resolve("none")
                    + " yet ('keys init'"
                    + " or 'keys generate' creates it)"),
        text.out());
    KeysCli.Result json = keys.run("doctor", "--json");
    assertTrue(
        json.out().contains("yet ('keys init' or 'keys generate' creates it)\""), json.out());
  }

  @Test
  void yubikey_aWarning_isWordedByTheTerminal() {
    DeviceSecretsTest.Typist t = new DeviceSecretsTest.Typist();
    new TerminalUser(t)
        .warn(
            "YubiKey 7100003 still uses the factory PIN 123456",
            Remedy.forYubiKey(Kind.CHANGE_FACTORY_CREDENTIAL, "7100003"));
    assertEquals(
        List.of(
            "Warning: YubiKey 7100003 still uses the factory PIN 123456: run 'keys yubikey setup"
                + " --serial 7100003' to change it."),
        t.seen);
  }
}
