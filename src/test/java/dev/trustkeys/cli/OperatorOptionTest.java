package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Who the transcript names: --operator, else the login name ($USER, else $LOGNAME). */
class OperatorOptionTest {
  @Command(name = "step")
  static final class Step {
    @Mixin OperatorOption operator;
  }

  private static String operator(Map<String, String> env, String... args) {
    Step step = new Step();
    new CommandLine(step).parseArgs(args);
    return step.operator.name(env);
  }

  @Test
  void operator_isTheFlag_elseUser_elseLogname() {
    assertEquals("carol", operator(Map.of("USER", "bob"), "--operator", "carol"));
    assertEquals("bob", operator(Map.of("USER", "bob", "LOGNAME", "robert")));
    assertEquals("robert", operator(Map.of("LOGNAME", "robert")));
    assertEquals("robert", operator(Map.of("USER", "", "LOGNAME", "robert"), "--operator", " "));
    assertEquals("unknown", operator(Map.of()));
  }

  @Test
  void everyCeremonyStepThatWritesTheTranscript_takesTheOneOption() {
    for (Class<?> c :
        new Class<?>[] {
          CeremonyPlanCommand.class, CeremonySignCommand.class, CeremonyPublishCommand.class
        }) {
      CommandLine cl =
          new CommandLine(
              c,
              new CommandLine.IFactory() {
                @Override
                public <K> K create(Class<K> cls) throws Exception {
                  return CommandLine.defaultFactory().create(cls);
                }
              });
      assertEquals(
          "Who you are, for the transcript (default $USER).",
          cl.getCommandSpec().findOption("--operator").description()[0],
          c.getSimpleName());
      assertEquals(
          1,
          cl.getCommandSpec().mixins().values().stream()
              .filter(m -> m.userObject() instanceof OperatorOption)
              .count(),
          c.getSimpleName());
    }
  }
}
