package dev.trustkeys.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --operator NAME}, the same for every ceremony step that writes the transcript: who ran it,
 * else {@code $USER}, else {@code $LOGNAME}, else "unknown".
 */
final class OperatorOption {
  @Option(
      names = "--operator",
      paramLabel = "NAME",
      description = "Who you are, for the transcript (default $USER).")
  String given;

  /** The name the transcript records, from the option or the environment. */
  String name(Map<String, String> env) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    for (String variable : new String[] {"USER", "LOGNAME"}) {
      String v = env.getOrDefault(variable, "");
      if (!v.isBlank()) {
        return v;
      }
    }
    return "unknown";
  }
}
