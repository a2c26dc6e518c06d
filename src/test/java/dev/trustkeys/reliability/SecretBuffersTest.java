package dev.trustkeys.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.backend.file.KeyMaterial;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.secret.FileSecrets;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretRequest;
import dev.trustkeys.core.secret.Terminal;
import dev.trustkeys.core.secret.TerminalPrompter;
import dev.trustkeys.testing.TestIds;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code char[]} a passphrase passes through is zeroed once it is used: the terminal's
 * buffers (accepted, too short, mismatched), the file reader's, and the {@link Secret} handed out;
 * and {@code toString()} of the holders shows no secret.
 */
class SecretBuffersTest {
  @TempDir Path tmp;

  /** A terminal that answers from a script and keeps every buffer it handed out. */
  private static final class RecordingTerminal implements Terminal {
    final Deque<String> answers;
    final List<char[]> handedOut = new ArrayList<>();

    RecordingTerminal(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public char[] readSecret(String prompt) {
      if (answers.isEmpty()) {
        return null;
      }
      char[] c = answers.pop().toCharArray();
      handedOut.add(c);
      return c;
    }

    @Override
    public String readLine(String prompt) {
      return null;
    }

    @Override
    public void say(String message) {}

    void assertAllZeroed() {
      for (char[] c : handedOut) {
        for (char x : c) {
          assertEquals('\0', x, "a terminal buffer was not zeroed");
        }
      }
    }
  }

  private static final KeyId ID = TestIds.of("1 2 3");

  @Test
  void newPassphrasePrompt_zeroesTooShortMismatchedRepeatedAndAcceptedBuffers() throws Exception {
    RecordingTerminal t =
        new RecordingTerminal(
            "short",
            "first-passphrase",
            "other-passphrase",
            "right-passphrase",
            "right-passphrase");
    Secret s =
        new TerminalPrompter(t).obtain(SecretRequest.newPassphrase(ID, Role.TARGETS)).orElseThrow();
    assertEquals("right-passphrase", new String(s.chars()));
    assertEquals(5, t.handedOut.size());
    s.close();
    t.assertAllZeroed();
  }

  @Test
  void newPassphrasePrompt_thatEndsWithoutAnAnswer_zeroesWhatItRead() throws Exception {
    RecordingTerminal t = new RecordingTerminal("a-passphrase-typed-once");
    assertEquals(
        Optional.empty(),
        new TerminalPrompter(t).obtain(SecretRequest.newPassphrase(ID, Role.ROOT)));
    t.assertAllZeroed();
  }

  @Test
  void passphrasePrompt_bufferIsTheSecret_andIsZeroedOnClose() throws Exception {
    RecordingTerminal t = new RecordingTerminal("typed-passphrase");
    try (Secret s =
        new TerminalPrompter(t).obtain(SecretRequest.passphrase(ID, Role.ROOT, 1)).orElseThrow()) {
      assertEquals("typed-passphrase", new String(s.chars()));
    }
    t.assertAllZeroed();
  }

  @Test
  void fileSecret_isZeroedOnClose_andATooShortOneIsRefusedWithoutShowingIt() throws Exception {
    Path f = Files.writeString(tmp.resolve("pass"), "file-passphrase\nsecond line\n");
    Secret s =
        new FileSecrets(f, r -> true)
            .obtain(SecretRequest.passphrase(ID, Role.ROOT, 1))
            .orElseThrow();
    char[] chars = s.chars();
    assertEquals("file-passphrase", new String(chars));
    assertFalse(s.toString().contains("file-passphrase"));
    s.close();
    assertEquals("\0".repeat(15), new String(chars));
    assertThrows(IllegalStateException.class, s::chars);

    Files.writeString(f, "short7!\n");
    KeysException e =
        assertThrows(
            KeysException.class,
            () -> new FileSecrets(f, r -> true).obtain(SecretRequest.newPassphrase(ID, Role.ROOT)));
    assertFalse(e.getMessage().contains("short7!"), e.getMessage());
  }

  @Test
  void secretUtf8_isACopyTheCallerZeroes_andTheSecretItselfStaysIntact() {
    try (Secret s = Secret.copyOf("pässphrase".toCharArray(), Secret.Origin.PROGRAM)) {
      byte[] b = s.utf8();
      assertEquals("pässphrase", new String(b, java.nio.charset.StandardCharsets.UTF_8));
      java.util.Arrays.fill(b, (byte) 0);
      assertEquals("pässphrase", new String(s.chars()));
    }
  }

  @Test
  void keyMaterialToString_showsNoPrivateScalar() throws Exception {
    for (Algorithm a : List.of(Algorithm.ECDSA_P256, Algorithm.ED25519)) {
      try (KeyMaterial m = KeyFileStore.newKey(a)) {
        String s = m.toString();
        byte[] encoded = m.privateKey().getEncoded();
        assertFalse(s.contains(HexFormat.of().formatHex(encoded)), s);
        assertFalse(s.contains(Base64.getEncoder().encodeToString(encoded)), s);
        if (m.privateKey() instanceof ECPrivateKey ec) {
          BigInteger d = ec.getS();
          assertFalse(s.contains(d.toString(16)) || s.contains(d.toString()), s);
        }
        assertTrue(
            s.contains(m.id().shortId()) || s.contains(m.id().hex()), "shows the key ID: " + s);
      }
    }
  }
}
