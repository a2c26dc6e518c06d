package dev.trustkeys.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code keys --version}: the tool's version and the Java runtime it runs on. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = KeysCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "keys " + (v == null ? "(development build)" : v),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
    };
  }
}
