package dev.trustkeys.cli;

/** {@code --json} output: indented, fields in the documented order (docs/json.md). */
final class Json {
  private Json() {}

  static String write(Object v) {
    return dev.trustkeys.core.json.JsonWriter.pretty(v);
  }
}
