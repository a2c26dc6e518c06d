package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.pkcs11.SoftHsmToken;
import dev.trustkeys.core.secret.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TUF 1.0 metadata signed with ECDSA P-256 keys on a PKCS#11 token (SoftHSM), in process: {@code
 * keys tuf init} with the root and targets keys on the token, and a root ceremony whose holder
 * signs on it. The token's PIN is asked once per process however many signatures it makes (one
 * login per session: SoftHSM's keys need no per-signature login).
 */
class TufPkcs11IT {
  @TempDir static Path dir;
  private static Path module;

  @BeforeAll
  static void token() throws Exception {
    System.setProperty(
        "keys.kdf.iterations", "2048"); // this class has its own JVM (failsafe execution pkcs11)
    SoftHsmToken.create(dir, "tuf-token");
    module = SoftHsmToken.module();
  }

  /** A terminal that answers every PIN prompt with the token's PIN, and keeps the prompts. */
  private static final class PinTerminal implements Terminal {
    final List<String> prompts = new ArrayList<>();

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public char[] readSecret(String prompt) {
      prompts.add(prompt);
      return SoftHsmToken.USER_PIN.toCharArray();
    }

    @Override
    public String readLine(String prompt) {
      throw new AssertionError("nothing but the PIN is asked: " + prompt);
    }

    @Override
    public void say(String message) {}
  }

  private record Run(int code, String out, String err, List<String> prompts) {
    Run ok() {
      assertEquals(0, code, out + err);
      return this;
    }
  }

  private static Run keys(String trust, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--trust-dir", dir.resolve(trust).toString()));
    all.addAll(List.of(args));
    PinTerminal t = new PinTerminal();
    Map<String, String> env =
        Map.of(
            "KEYS_PKCS11_MODULE",
            module.toString(),
            "NOTARY_ROOT_PASSPHRASE",
            "root-passphrase",
            "NOTARY_TARGETS_PASSPHRASE",
            "targets-passphrase",
            "NOTARY_SNAPSHOT_PASSPHRASE",
            "snapshot-passphrase",
            "NOTARY_TIMESTAMP_PASSPHRASE",
            "timestamp-passphrase");
    int code =
        Main.run(
            all.toArray(new String[0]),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env,
            t);
    return new Run(code, out.toString(), err.toString(), t.prompts);
  }

  private static String generated(Run r) {
    Matcher m = Pattern.compile("keyID: ([0-9a-f]{64})").matcher(r.out());
    assertTrue(m.find(), r.out() + r.err());
    return m.group(1);
  }

  @Test
  void
      tufInit_withRootAndTargetsOnTheToken_signsThereAndAsksThePinOnce_thenACeremonyHolderSignsOnIt()
          throws Exception {
    String root =
        generated(
            keys("alice", "generate", "--role", "root", "--pkcs11", "pkcs11:token=tuf-token").ok());
    String targets =
        generated(
            keys(
                    "alice",
                    "generate",
                    "--role",
                    "targets",
                    "--gun",
                    "repo",
                    "--pkcs11",
                    "pkcs11:token=tuf-token")
                .ok());
    Path repo = dir.resolve("repo");
    Run init =
        keys(
                "alice",
                "tuf",
                "init",
                repo.toString(),
                "--root-key",
                root,
                "--targets-key",
                targets,
                "--no-yubikey")
            .ok();
    assertEquals(
        1,
        init.prompts().size(),
        "one PIN prompt for the root and targets signatures: " + init.prompts());
    assertTrue(init.prompts().get(0).contains("PIN"), init.prompts().toString());
    Run status = keys("alice", "tuf", "status", repo.toString(), "--json").ok();
    assertTrue(status.out().contains("\"heldAt\": \"pkcs11:"), status.out());
    keys("alice", "tuf", "verify", repo.toString()).ok();

    // root version 2 adds a second key on the token; its holder (same token, another trust
    // directory) signs it
    String second =
        generated(
            keys("bob", "generate", "--role", "root", "--pkcs11", "pkcs11:token=tuf-token").ok());
    Path pub = dir.resolve("bob-root.pub");
    keys("bob", "export", "--public", second, "-o", pub.toString()).ok();
    Path req = dir.resolve("root-2.request.json");
    keys(
            "alice",
            "ceremony",
            "plan",
            "--tuf",
            repo.toString(),
            "--add-key",
            pub.toString(),
            "--threshold",
            "2",
            "-o",
            req.toString())
        .ok();
    keys("bob", "ceremony", "sign", req.toString(), "--tuf", repo.toString(), "--yes").ok();
    keys("alice", "ceremony", "sign", req.toString(), "--yes").ok();
    Run publish =
        keys("alice", "ceremony", "publish", req.toString(), "--tuf", repo.toString()).ok();
    assertTrue(publish.out().contains("Published root version 2"), publish.out());
    assertTrue(Files.exists(repo.resolve("metadata/2.root.json")));
    keys("alice", "tuf", "verify", repo.toString()).ok();
  }
}
