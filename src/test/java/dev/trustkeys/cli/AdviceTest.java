package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The library says what is wrong; the command line adds what to do, with its own flags. */
class AdviceTest {
  @Test
  void everyRemedy_isWorded() {
    for (Remedy r : Remedy.values()) {
      String words = Advice.of(r);
      assertFalse(words.isBlank(), r.name());
      assertFalse(words.endsWith("."), r + ": one clause, after the library's message: " + words);
    }
  }

  @Test
  void theLibrarysMessage_namesNoFlag_andTheErrorLineAddsIt() {
    UsageException e =
        assertThrows(
            UsageException.class, () -> KeySpec.of(Role.TARGETS, "", Algorithm.ECDSA_P256));
    assertEquals("targets keys belong to one repository", e.getMessage());
    assertEquals(Remedy.NAME_GUN, e.remedy().orElseThrow());
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
}
