package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustkeys.core.secret.Terminal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who the transcript names: --operator, else the login name ($USER, else $LOGNAME). */
class CeremonyOperatorTest {
  private static String operator(String given, Map<String, String> env) {
    return CeremonyCommand.operator(given, new KeysCommand(env, Terminal.none()));
  }

  @Test
  void operator_isTheFlag_elseUser_elseLogname() {
    assertEquals("carol", operator("carol", Map.of("USER", "bob")));
    assertEquals("bob", operator(null, Map.of("USER", "bob", "LOGNAME", "robert")));
    assertEquals("robert", operator(null, Map.of("LOGNAME", "robert")));
    assertEquals("robert", operator(" ", Map.of("USER", "", "LOGNAME", "robert")));
    assertEquals("unknown", operator(null, Map.of()));
  }
}
