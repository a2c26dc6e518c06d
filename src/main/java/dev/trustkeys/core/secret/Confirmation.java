package dev.trustkeys.core.secret;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.util.Locale;

/**
 * The one way {@code keys} asks before something that cannot be undone. The question is shown with
 * {@code [y/N]}; {@code y} or {@code yes} (any case, spaces around ignored) goes on, anything else,
 * an empty line or the end of input does not. A flag ({@code --yes}) answers for scripts; with
 * neither the flag nor a terminal the command stops with exit 5 and names the flag. Library code
 * asks through this interface, so that whoever drives it answers.
 */
@FunctionalInterface
public interface Confirmation {
  /** What every question ends with. */
  String SUFFIX = " [y/N] ";

  /**
   * Asks {@code question} (one or more sentences, the last one the question). True to go on, false
   * when the person answered no; throws {@link KeysException} (exit 5) when nobody can be asked.
   */
  boolean confirm(String question) throws KeysException;

  /**
   * {@link #confirm}, where a "no" ends the command: {@link NotConfirmedException} (exit 1) saying
   * {@code notDone} ("nothing was deleted").
   */
  default void require(String question, String notDone) throws KeysException {
    if (!confirm(question)) {
      throw new NotConfirmedException(notDone);
    }
  }

  /** Yes without asking: the flag was given, or the caller decided itself. */
  static Confirmation yes() {
    return question -> true;
  }

  /**
   * Yes when {@code yes} is set (the command's {@code flag}, e.g. {@code --yes}); else the question
   * on {@code terminal}; without a terminal, exit 5 naming {@code flag}.
   */
  static Confirmation on(Terminal terminal, boolean yes, String flag) {
    return question -> {
      if (yes) {
        return true;
      }
      if (!terminal.interactive()) {
        throw new KeysException(
            "no terminal to ask \"" + question + "\": add " + flag + " to answer yes",
            ExitCode.NEEDS_INPUT);
      }
      return isYes(terminal.readLine(question + SUFFIX));
    };
  }

  /** Whether an answer typed at {@code [y/N]} means yes: {@code y} or {@code yes}, in any case. */
  static boolean isYes(String answer) {
    if (answer == null) {
      return false;
    }
    String a = answer.trim().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }

  /** The person answered no: nothing was done (exit 1). */
  final class NotConfirmedException extends KeysException {
    private static final long serialVersionUID = 1L;

    public NotConfirmedException(String notDone) {
      super("not confirmed: " + notDone, ExitCode.FAILURE);
    }
  }
}
