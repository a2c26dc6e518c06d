package dev.trustkeys.registry;

import java.nio.file.Path;

/**
 * What a person said about the server on the command line, each may be null: the URL ({@code
 * --server}), a CA ({@code --tlscacert}, trusted alone, as Notary does), and a client certificate
 * and key ({@code --tlscert}, {@code --tlskey}). Relative paths are taken from the current
 * directory.
 */
public record ServerOptions(String server, Path caFile, Path clientCert, Path clientKey) {
  public static ServerOptions none() {
    return new ServerOptions(null, null, null, null);
  }
}
