package dev.trustkeys.cli;

import dev.trustkeys.ceremony.CeremonyRequest;
import dev.trustkeys.ceremony.RootCeremony;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.notary.RepositoryLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys ceremony plan GUN ... -o REQUEST}: writes a root signing request. */
@Command(name = "plan", description = "Plan the next root (add/remove root keys, threshold, expiry) and write a "
    + "signing request file.")
final class CeremonyPlanCommand implements Callable<Integer> {
  @ParentCommand CeremonyCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "GUN") String gun;

  @Option(names = {"-s", "--server"}, paramLabel = "URL",
      description = "Read (and verify) the current root from this server (default: the trust directory's copy).")
  String server;

  @picocli.CommandLine.Mixin TlsOptions tls;

  @Option(names = "--add-cert", paramLabel = "FILE", description = "Add the root key of this certificate "
      + "(CN=GUN; see 'keys ceremony certificate'). Repeatable.")
  List<Path> add = new ArrayList<>();

  @Option(names = "--remove-key", paramLabel = "ID", description = "Remove this root key (certificate or key ID,"
      + " or a prefix of at least 7). Repeatable.")
  List<String> remove = new ArrayList<>();

  @Option(names = "--threshold", paramLabel = "N", description = "Signatures the new root needs.")
  Integer threshold;

  @Option(names = "--expires-in", paramLabel = "DAYS", description = "Expiry of the new root (default 3650).")
  Integer expiresInDays;

  @Option(names = "--operator", paramLabel = "NAME", description = "Who you are, for the transcript (default $USER).")
  String operator;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "REQUEST") Path output;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    Remote remote = new Remote(ctx);
    byte[] current;
    if (server != null) {
      current = new RepositoryLoader(remote.server(server, tls, gun), remote.cache(), remote.clock()).load(gun).rootBytes();
    } else {
      current = remote.cache().read(gun, "root").orElseThrow(() -> new KeysException("no root.json of " + gun
          + " in the trust directory: give --server URL", ExitCode.NOT_FOUND));
    }
    List<X509Certificate> certs = new ArrayList<>();
    for (Path p : add) {
      certs.add(readCertificate(p));
    }
    if (Files.exists(output)) {
      throw new UsageException(output + " exists: choose another file name");
    }
    if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 36500)) {
      throw new UsageException("--expires-in takes 1 to 36500 days, not " + expiresInDays);
    }
    RootCeremony ceremony = new RootCeremony(remote.clock());
    CeremonyRequest req = ceremony.plan(gun, current, certs, remove, threshold,
        expiresInDays == null ? null : Duration.ofDays(expiresInDays), CeremonyCommand.operator(operator, parent.root),
        remote.stores());
    req.write(output);
    var out = spec.commandLine().getOut();
    out.println("Signing request for the root of " + gun + " written to " + output + ":");
    out.print(CeremonyCommand.review(req, ceremony.verify(req)));
    out.println("Give each holder this SHA-256 over another channel (in person, by phone): 'keys ceremony sign "
        + "REQUEST --sha256 " + req.sha256().substring(0, 32) + "' signs nothing else.");
    out.flush();
    return 0;
  }

  private static X509Certificate readCertificate(Path p) throws KeysException {
    byte[] pem;
    try {
      pem = dev.trustkeys.core.io.InputFiles.read(p, YubiKeyInitOptions.MAX_PEM);
    } catch (IOException e) {
      throw dev.trustkeys.core.io.IoErrors.cannotReadNamed(p, e);
    }
    try (InputStream in = new java.io.ByteArrayInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | CertificateException e) {
      throw new UsageException(p + " is not a readable certificate (PEM CERTIFICATE); a root key is added by its"
          + " certificate: its holder makes it with 'keys ceremony certificate'");
    }
  }
}
