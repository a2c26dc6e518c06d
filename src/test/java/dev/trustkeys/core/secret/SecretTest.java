package dev.trustkeys.core.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void toString_neverShowsTheSecret() {
    Secret s = Secret.copyOf("hunter2-hunter2".toCharArray(), Secret.Origin.PROGRAM);
    assertFalse(s.toString().contains("hunter2"));
    assertEquals("Secret[redacted]", s.toString());
  }

  @Test
  void destroy_zeroesTheBuffer() {
    char[] buf = "hunter2-hunter2".toCharArray();
    Secret s = Secret.adopt(buf, Secret.Origin.PROGRAM);
    s.close();
    for (char c : buf) {
      assertEquals('\0', c);
    }
    assertTrue(s.isDestroyed());
    assertThrows(IllegalStateException.class, s::chars);
  }

  @Test
  void environment_mapsRolesAsNotaryAndDockerDo() throws Exception {
    EnvironmentSecrets env =
        new EnvironmentSecrets(
            Map.of(
                "DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE",
                "root-from-docker",
                "DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE",
                "repo-from-docker",
                "NOTARY_SNAPSHOT_PASSPHRASE",
                "snapshot-from-notary"));
    assertEquals(
        "root-from-docker",
        new String(env.obtain(SecretRequest.passphrase(null, Role.ROOT, 1)).get().chars()));
    assertEquals(
        "repo-from-docker",
        new String(env.obtain(SecretRequest.passphrase(null, Role.TARGETS, 1)).get().chars()));
    assertEquals(
        "snapshot-from-notary",
        new String(env.obtain(SecretRequest.passphrase(null, Role.SNAPSHOT, 1)).get().chars()));
    assertEquals(
        "repo-from-docker",
        new String(
            env.obtain(SecretRequest.passphrase(null, Role.of("targets/releases"), 1))
                .get()
                .chars()));
    assertEquals(
        Secret.Origin.ENVIRONMENT,
        env.obtain(SecretRequest.passphrase(null, Role.ROOT, 1)).get().origin());
  }

  /** A scripted terminal. */
  static final class FakeTerminal implements Terminal {
    final Deque<String> answers;
    final List<String> shown = new ArrayList<>();

    FakeTerminal(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public char[] readSecret(String prompt) {
      shown.add(prompt);
      return answers.isEmpty() ? null : answers.pop().toCharArray();
    }

    @Override
    public String readLine(String prompt) {
      shown.add(prompt);
      return answers.isEmpty() ? null : answers.pop();
    }

    @Override
    public void say(String message) {
      shown.add(message);
    }
  }

  @Test
  void prompt_forANewRootKey_warnsFirst_asksTwice_andRefusesShortOrDifferentAnswers()
      throws Exception {
    FakeTerminal t =
        new FakeTerminal(
            "short", "long-enough-1", "long-enough-2", "long-enough-1", "long-enough-1");
    dev.trustkeys.core.KeyId id = dev.trustkeys.core.KeyId.of("3962351" + "0".repeat(57));
    Optional<Secret> s = new TerminalPrompter(t).obtain(SecretRequest.newPassphrase(id, Role.ROOT));
    assertEquals("long-enough-1", new String(s.get().chars()));
    assertTrue(
        t.shown.get(0).startsWith("You are about to create a new root signing key passphrase."));
    assertTrue(t.shown.contains("Enter passphrase for new root key with ID 3962351: "));
    assertTrue(t.shown.contains("Repeat passphrase for new root key with ID 3962351: "));
    assertTrue(t.shown.stream().anyMatch(x -> x.startsWith("Passphrase is too short.")));
    assertTrue(t.shown.contains("Passphrases do not match. Please retry."));
    assertEquals(Secret.Origin.PROMPT, s.get().origin());
  }

  @Test
  void prompt_withoutATerminal_offersNothing() throws Exception {
    Terminal none =
        new Terminal() {
          @Override
          public boolean interactive() {
            return false;
          }

          @Override
          public char[] readSecret(String prompt) {
            throw new AssertionError("must not prompt");
          }

          @Override
          public String readLine(String prompt) {
            throw new AssertionError("must not prompt");
          }

          @Override
          public void say(String message) {}
        };
    assertTrue(
        new TerminalPrompter(none).obtain(SecretRequest.passphrase(null, Role.ROOT, 1)).isEmpty());
  }
}
