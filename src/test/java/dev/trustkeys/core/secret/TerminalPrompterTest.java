package dev.trustkeys.core.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.Role;
import dev.trustkeys.testing.TestIds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What the prompts say: which key (role, short ID, GUN), which device, how many tries are left. */
class TerminalPrompterTest {
  private static final KeyId ID = TestIds.of("1 2 3");

  /** A terminal that answers from a script and records every prompt and message. */
  static class ScriptedTerminal implements Terminal {
    final List<String> prompts = new ArrayList<>();
    final List<String> said = new ArrayList<>();
    private final Deque<String> answers;

    ScriptedTerminal(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public char[] readSecret(String prompt) {
      prompts.add(prompt);
      String a = answers.poll();
      return a == null ? null : a.toCharArray();
    }

    @Override
    public String readLine(String prompt) {
      prompts.add(prompt);
      return answers.poll();
    }

    @Override
    public void say(String message) {
      said.add(message);
    }
  }

  private static String shortId() {
    return ID.shortId();
  }

  @Test
  void passphrase_namesRoleShortIdAndGun() throws Exception {
    ScriptedTerminal t = new ScriptedTerminal("secret-passphrase");
    try (Secret s =
        new TerminalPrompter(t)
            .obtain(SecretRequest.passphrase(ID, Role.TARGETS, "example.com/app", 1))
            .get()) {
      assertEquals(Secret.Origin.PROMPT, s.origin());
    }
    assertEquals(
        List.of("Enter passphrase for targets key with ID " + shortId() + " (example.com/app): "),
        t.prompts);
  }

  @Test
  void passphrase_forARootKey_hasNoGun() throws Exception {
    ScriptedTerminal t = new ScriptedTerminal("secret-passphrase");
    new TerminalPrompter(t).obtain(SecretRequest.passphrase(ID, Role.ROOT, "", 1)).get().close();
    assertEquals(List.of("Enter passphrase for root key with ID " + shortId() + ": "), t.prompts);
  }

  @Test
  void passphrase_secondAttempt_saysTheFirstWasWrong() throws Exception {
    ScriptedTerminal t = new ScriptedTerminal("again-passphrase");
    new TerminalPrompter(t)
        .obtain(SecretRequest.passphrase(ID, Role.SNAPSHOT, "example.com/app", 2))
        .get()
        .close();
    assertEquals(List.of("Passphrase incorrect. Please retry."), t.said);
    assertEquals(
        "Enter passphrase for snapshot key with ID " + shortId() + " (example.com/app): ",
        t.prompts.get(0));
  }

  @Test
  void newPassphrase_isAskedTwice_withTheGun() throws Exception {
    ScriptedTerminal t = new ScriptedTerminal("long-enough-1", "long-enough-1");
    new TerminalPrompter(t)
        .obtain(SecretRequest.newPassphrase(ID, Role.TARGETS, "example.com/app"))
        .get()
        .close();
    assertEquals(
        List.of(
            "Enter passphrase for new targets key with ID " + shortId() + " (example.com/app): ",
            "Repeat passphrase for new targets key with ID " + shortId() + " (example.com/app): "),
        t.prompts);
  }

  @Test
  void oldSixArgumentRequests_stillWork_withoutAGun() throws Exception {
    SecretRequest r =
        new SecretRequest(
            SecretRequest.Kind.PASSPHRASE, ID, Role.TARGETS, "", 1, OptionalInt.empty());
    assertEquals("", r.gun());
    ScriptedTerminal t = new ScriptedTerminal("secret-passphrase");
    new TerminalPrompter(t).obtain(r).get().close();
    assertEquals("Enter passphrase for targets key with ID " + shortId() + ": ", t.prompts.get(0));
  }

  @Test
  void importedFilePassphrase_namesTheFile() throws Exception {
    SecretRequest r =
        new SecretRequest(
            SecretRequest.Kind.PASSPHRASE, null, Role.TARGETS, "old.key", 1, OptionalInt.empty());
    ScriptedTerminal t = new ScriptedTerminal("secret-passphrase");
    new TerminalPrompter(t).obtain(r).get().close();
    assertEquals("Enter passphrase for targets key in old.key: ", t.prompts.get(0));
  }

  @Test
  void pin_namesTheDevice_andTriesLeft() throws Exception {
    ScriptedTerminal t = new ScriptedTerminal("123456");
    new TerminalPrompter(t)
        .obtain(SecretRequest.pin("token 'hsm' (serial 0a1b)", OptionalInt.of(1)))
        .get()
        .close();
    assertEquals(List.of("Enter the PIN for token 'hsm' (serial 0a1b) (1 try left): "), t.prompts);
  }

  @Test
  void noTerminal_asksNothing() throws Exception {
    Terminal none =
        new ScriptedTerminal() {
          @Override
          public boolean interactive() {
            return false;
          }
        };
    assertTrue(
        new TerminalPrompter(none)
            .obtain(SecretRequest.passphrase(ID, Role.ROOT, "", 1))
            .isEmpty());
  }

  @Test
  void managementKeyPrompt_saysTheFormat() throws Exception {
    ScriptedTerminal t = new ScriptedTerminal("0102");
    new TerminalPrompter(t)
        .obtain(
            new SecretRequest(
                SecretRequest.Kind.MANAGEMENT_KEY,
                null,
                null,
                "YubiKey 12345678",
                1,
                OptionalInt.empty()))
        .get()
        .close();
    assertEquals(
        List.of("Enter the management key (48 hex digits) for YubiKey 12345678: "), t.prompts);
  }
}
