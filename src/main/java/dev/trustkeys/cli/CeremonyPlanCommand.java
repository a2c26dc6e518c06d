package dev.trustkeys.cli;

import dev.trustkeys.ceremony.CeremonyRequest;
import dev.trustkeys.ceremony.RootCeremony;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.io.CertificateFiles;
import dev.trustkeys.notary.RepositoryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys ceremony plan GUN ... -o REQUEST} (Notary) or {@code keys ceremony plan --tuf REPO
 * ... -o REQUEST} (TUF 1.0): writes a root signing request.
 */
@Command(
    name = "plan",
    description =
        "Plan the next root (add/remove root keys, threshold, expiry) of a GUN, or of "
            + "a TUF repository with --tuf, and write a signing request file. The current root is"
            + " read (and verified) from the Notary server with --server, else from the trust"
            + " directory's copy.")
final class CeremonyPlanCommand implements Callable<Integer> {
  @ParentCommand CeremonyCommand parent;
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "GUN",
      arity = "0..1",
      description = "The repository (Notary); leave it out with --tuf.")
  String gun;

  @Option(
      names = "--tuf",
      paramLabel = "REPO",
      description =
          "Plan the next root of this TUF 1.0 repository (its "
              + "published folder or working tree) instead of a GUN's.")
  Path tuf;

  @Option(
      names = "--add-key",
      paramLabel = "K|PUBFILE",
      description =
          "With --tuf: add this root key: a key held "
              + "here (ID or prefix), or a PEM file (PUBLIC KEY, certificate, or a YubiKey attestation as 'keys yubikey "
              + "attest' prints it, which is recorded with the key). Repeatable.")
  List<String> addKeys = new ArrayList<>();

  @picocli.CommandLine.Mixin CeremonyTrustOptions trust;

  @picocli.CommandLine.Mixin ServerCheckFlags server;

  @Option(
      names = "--add-cert",
      paramLabel = "FILE",
      description =
          "Add the root key of this certificate "
              + "(CN=GUN; see 'keys ceremony certificate'). Repeatable.")
  List<Path> add = new ArrayList<>();

  @Option(
      names = "--remove-key",
      paramLabel = "ID",
      description =
          "Remove this root key (its key ID, or the ID "
              + "the metadata lists it under: certificate ID, TUF key ID; or a prefix of at least 7). Repeatable.")
  List<String> remove = new ArrayList<>();

  @Option(names = "--threshold", paramLabel = "N", description = "Signatures the new root needs.")
  Integer threshold;

  @Option(
      names = "--expires-in",
      paramLabel = "DAYS",
      description =
          "Expiry of the new root (default: 3650 days "
              + "for Notary; for TUF the root's expiry period, 365 days unless the root says otherwise).")
  Integer expiresInDays;

  @Mixin OperatorOption operator;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "REQUEST")
  Path output;

  @Override
  public Integer call() throws KeysException {
    if (tuf != null && (gun != null || server.given() || !add.isEmpty())) {
      throw new UsageException(
          "--tuf REPO plans a TUF repository's root: leave out the GUN, --server and --add-cert"
              + " (add keys with --add-key)");
    }
    if (tuf == null && gun == null) {
      throw new UsageException(
          "give the GUN whose root to plan, or --tuf REPO for a TUF repository");
    }
    if (tuf == null && !addKeys.isEmpty()) {
      throw new UsageException(
          "--add-key is for TUF repositories (--tuf REPO): a Notary root key is added by its"
              + " certificate, --add-cert FILE ('keys ceremony certificate' makes it)");
    }
    if (Files.exists(output)) {
      throw new UsageException(output + " exists: choose another file name");
    }
    if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 36500)) {
      throw new UsageException("--expires-in takes 1 to 36500 days, not " + expiresInDays);
    }
    Context ctx = new Context(parent.root);
    Remote remote = new Remote(ctx);
    RootCeremony ceremony = trust.ceremony(remote.clock());
    Duration expires = expiresInDays == null ? null : Duration.ofDays(expiresInDays);
    String operator = this.operator.name(parent.root.env());
    CeremonyRequest req;
    if (tuf != null) {
      byte[] current = CeremonyTuf.currentRoot(tuf);
      List<java.util.Map<String, Object>> keys = new ArrayList<>();
      for (String k : addKeys) {
        keys.add(CeremonyTuf.keyObject(ctx, k));
      }
      req =
          ceremony.plan(
              dev.trustkeys.ceremony.CeremonyDialect.TUF,
              CeremonyTuf.name(tuf),
              current,
              keys,
              remove,
              threshold,
              expires,
              operator,
              remote.keyring());
    } else {
      req = planNotary(remote, ceremony, expires, operator);
    }
    req.write(output);
    var out = spec.commandLine().getOut();
    out.println(
        "Signing request for the root of " + req.describeSubject() + " written to " + output + ":");
    out.print(CeremonyCommand.review(req, ceremony.verify(req), ceremony.review(req)));
    out.println(
        "Give each holder this SHA-256 over another channel (in person, by phone): 'keys ceremony sign "
            + "REQUEST --sha256 "
            + req.sha256().substring(0, 32)
            + "' signs nothing else.");
    out.flush();
    return 0;
  }

  private CeremonyRequest planNotary(
      Remote remote, RootCeremony ceremony, Duration expires, String operator)
      throws KeysException {
    byte[] current;
    if (server.given()) {
      current =
          new RepositoryLoader(server.server(remote, gun), remote.cache(), remote.clock())
              .load(gun)
              .rootBytes();
    } else {
      current =
          remote
              .cache()
              .read(gun, "root")
              .orElseThrow(
                  () ->
                      new KeysException(
                          "no root.json of " + gun + " in the trust directory: give --server URL",
                          ExitCode.NOT_FOUND));
    }
    List<X509Certificate> certs = new ArrayList<>();
    for (Path p : add) {
      certs.add(readCertificate(p));
    }
    return ceremony.plan(
        gun, current, certs, remove, threshold, expires, operator, remote.keyring());
  }

  private static X509Certificate readCertificate(Path p) throws KeysException {
    try {
      return CertificateFiles.readOne(p);
    } catch (UsageException e) {
      throw new UsageException(
          e.getMessage()
              + "; a root key is added by its certificate: its holder makes it with"
              + " 'keys ceremony certificate'");
    }
  }
}
