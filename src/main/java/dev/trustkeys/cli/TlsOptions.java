package dev.trustkeys.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Notary's TLS flags, for every command that talks to a Notary server. */
final class TlsOptions {
  @Option(
      names = "--tlscacert",
      paramLabel = "FILE",
      description =
          "Trust only this CA's certificates for the "
              + "Notary server (as notary --tlscacert); default: the system's CAs plus $DOCKER_CONFIG/tls/<host:port>/*.crt.")
  Path caFile;

  @Option(
      names = "--tlscert",
      paramLabel = "FILE",
      description = "Client certificate for mutual TLS (with --tlskey).")
  Path clientCert;

  @Option(
      names = "--tlskey",
      paramLabel = "FILE",
      description = "Key of the client certificate (unencrypted PEM).")
  Path clientKey;
}
