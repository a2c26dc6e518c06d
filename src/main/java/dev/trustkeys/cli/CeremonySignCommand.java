package dev.trustkeys.cli;

import dev.trustkeys.ceremony.BaseRootCheck;
import dev.trustkeys.ceremony.CeremonyDialect;
import dev.trustkeys.ceremony.CeremonyRequest;
import dev.trustkeys.ceremony.KeyReview;
import dev.trustkeys.ceremony.RootCeremony;
import dev.trustkeys.ceremony.RootKey;
import dev.trustkeys.ceremony.TranscriptReport;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.secret.Confirmation;
import dev.trustkeys.notary.RepositoryLoader;
import dev.trustkeys.tuf.Signed;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys ceremony sign REQUEST}: shows what the request changes (computed from its roots) and
 * the SHA-256 of the exact bytes, compares its base root with this holder's copy of the root, and
 * signs with every root key of the request held here. No server is needed.
 */
@Command(
    name = "sign",
    description =
        "Show what a root signing request changes and the SHA-256 of the bytes to "
            + "sign, compare its base root with your copy, then sign it with every root key of it you hold (old and new); "
            + "the file is updated in place. No server is needed; with --server, the base root is"
            + " also compared with the root that server has in force.")
final class CeremonySignCommand implements Callable<Integer> {
  @ParentCommand CeremonyCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST")
  Path request;

  @Option(
      names = {"-k", "--key"},
      paramLabel = "ID",
      description = "Sign only with this key (its key or " + "certificate ID, or a prefix).")
  String key;

  @Option(
      names = "--sha256",
      paramLabel = "HEX",
      description =
          "The SHA-256 the coordinator gave you (at least its "
              + "first 32 digits): refuse to sign anything else.")
  String sha256;

  @picocli.CommandLine.Mixin ServerCheckFlags server;

  @Option(
      names = "--tuf",
      paramLabel = "REPO",
      description =
          "For a TUF repository's request: compare its base "
              + "root with your copy of the repository.")
  Path tuf;

  @picocli.CommandLine.Mixin CeremonyTrustOptions trust;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask before signing (at a terminal, sign asks).")
  boolean yes;

  @Mixin OperatorOption operator;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    Remote remote = new Remote(ctx);
    CeremonyRequest req = CeremonyRequest.read(request);
    CeremonyTuf.requireDialect(req, tuf != null, server.given());
    RootCeremony ceremony = trust.ceremony(remote.clock());
    TranscriptReport transcript = ceremony.verify(req);
    KeyReview keys = ceremony.review(req);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "Root signing request for "
            + req.describeSubject()
            + ": version "
            + req.base().version()
            + " -> "
            + req.proposed().version());
    out.print(CeremonyCommand.review(req, transcript, keys));
    if (req.dialect() != CeremonyDialect.NOTARY) {
      out.println(
          tuf == null
              ? "Not compared with a copy of the current root: give --tuf REPO (your copy of the"
                  + " repository) to compare it."
              : BaseRootCheck.compare(req, CeremonyTuf.knownRoots(tuf), "the repository " + tuf));
    } else {
      out.println(
          BaseRootCheck.compare(
              req,
              remote.cache().knownRoots(req.subject()),
              "your trust directory (" + remote.cache().repoDir(req.subject()) + ")"));
    }
    if (server.given()) {
      byte[] current =
          new RepositoryLoader(server.server(remote, req.subject()), remote.cache(), remote.clock())
              .load(req.subject())
              .rootBytes();
      TreeMap<Long, byte[]> known = new TreeMap<>();
      known.put(Signed.parse(current).version(), current);
      out.println(BaseRootCheck.compare(req, known, "the server " + server.server));
    }
    if (sha256 != null) {
      if (!RootCeremony.isSha256(sha256)) {
        throw new UsageException(
            "--sha256 takes the SHA-256 the coordinator gave you: 64 hex digits (at least the "
                + "first 32), not '"
                + sha256
                + "'");
      }
      ceremony.requireSha256(req, sha256);
      out.println("The SHA-256 is the one you were given.");
    }
    out.flush();
    if (!keys.problems().isEmpty()) {
      throw keys.refusal("not signed: ");
    }
    Optional<KeyId> only = key == null ? Optional.empty() : Optional.of(resolve(ctx, req, key));
    if (!yes
        && ctx.terminal()
            .interactive()) { // without a terminal (scripts, the guides) it signs: it always did
      Confirmation.on(ctx.terminal(), false, "--yes")
          .require(
              "Sign version "
                  + req.proposed().version()
                  + " of the root of "
                  + req.describeSubject()
                  + "?",
              "the request was not signed");
    }
    RootCeremony.Signing signed =
        ceremony.sign(req, remote.keyring(), only, operator.name(parent.root.env()));
    if (!signed.signed().isEmpty()) {
      req.write(request);
      out.println(
          "Signed the root of "
              + req.describeSubject()
              + " with key "
              + String.join(", ", signed.signed().stream().map(RootKey::label).toList()));
    }
    for (RootKey k : signed.alreadySigned()) {
      out.println("Key " + k.label() + " had signed already");
    }
    var st = ceremony.status(req);
    out.print(st.thresholdsText());
    out.println(st.verdict(Advice::join));
    out.flush();
    return 0;
  }

  /**
   * A root key of the request by its key ID or the ID its metadata uses, else any key held here.
   */
  private static KeyId resolve(Context ctx, CeremonyRequest req, String query)
      throws KeysException {
    Optional<RootKey> k = req.rootKey(query);
    return k.isPresent() ? k.get().handle() : ctx.locate(query).key().id();
  }
}
