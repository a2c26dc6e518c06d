package dev.trustkeys.cli;

import picocli.CommandLine.Option;

/**
 * {@code --json}, the same for every listing and status command: the shape of each output is in
 * docs/json.md.
 */
final class JsonOption {
  @Option(
      names = "--json",
      description = "Print JSON instead of text (each command's shape: docs/json.md).")
  boolean enabled;
}
