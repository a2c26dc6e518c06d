package dev.trustkeys.core.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One way to confirm: "[y/N]", y or yes goes on, anything else does not, a flag for scripts, exit 5
 * without both.
 */
class ConfirmationTest {
  private static boolean answer(String typed) throws KeysException {
    TerminalPrompterTest.ScriptedTerminal t =
        typed == null
            ? new TerminalPrompterTest.ScriptedTerminal()
            : new TerminalPrompterTest.ScriptedTerminal(typed);
    boolean yes = Confirmation.on(t, false, "--yes").confirm("Delete key 1a2b3c4?");
    assertEquals(List.of("Delete key 1a2b3c4? [y/N] "), t.prompts);
    return yes;
  }

  @Test
  void yAndYes_inAnyCase_goOn() throws KeysException {
    for (String typed : List.of("y", "Y", "yes", "YES", "Yes", "  y ", "yes\t")) {
      assertTrue(answer(typed), "'" + typed + "'");
    }
  }

  @Test
  void anythingElse_endOfInputIncluded_doesNotGoOn() throws KeysException {
    for (String typed :
        new String[] {"n", "no", "", " ", "yess", "ye", "ja", "oui", "1", "true", "y y", null}) {
      assertFalse(answer(typed), "'" + typed + "'");
    }
  }

  @Test
  void theFlag_answersWithoutAsking() throws KeysException {
    TerminalPrompterTest.ScriptedTerminal t = new TerminalPrompterTest.ScriptedTerminal("n");
    assertTrue(Confirmation.on(t, true, "--yes").confirm("Delete?"));
    assertTrue(Confirmation.on(Terminal.none(), true, "--yes").confirm("Delete?"));
    assertEquals(List.of(), t.prompts);
    assertTrue(Confirmation.yes().confirm("Delete?"));
  }

  @Test
  void noTerminal_stopsWithExit5_namingTheFlagAndTheQuestion() {
    KeysException e =
        assertThrows(
            KeysException.class,
            () ->
                Confirmation.on(Terminal.none(), false, "--allow-last-pin-try")
                    .confirm("Spend the last try?"));
    assertEquals(ExitCode.NEEDS_INPUT, e.exitCode());
    assertEquals(
        "no terminal to ask \"Spend the last try?\": add --allow-last-pin-try to answer yes",
        e.getMessage());
  }

  @Test
  void require_aNo_isExit1_sayingWhatWasNotDone() throws KeysException {
    Confirmation.NotConfirmedException e =
        assertThrows(
            Confirmation.NotConfirmedException.class,
            () ->
                Confirmation.on(new TerminalPrompterTest.ScriptedTerminal("n"), false, "--yes")
                    .require("Delete?", "nothing was deleted"));
    assertEquals(ExitCode.FAILURE, e.exitCode());
    assertEquals("not confirmed: nothing was deleted", e.getMessage());
    Confirmation.on(new TerminalPrompterTest.ScriptedTerminal("y"), false, "--yes")
        .require("Delete?", "x");
  }
}
