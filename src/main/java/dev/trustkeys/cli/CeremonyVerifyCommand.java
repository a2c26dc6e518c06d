package dev.trustkeys.cli;

import dev.trustkeys.ceremony.CeremonyRequest;
import dev.trustkeys.ceremony.KeyReview;
import dev.trustkeys.ceremony.RootCeremony;
import dev.trustkeys.ceremony.RootKey;
import dev.trustkeys.ceremony.TranscriptReport;
import dev.trustkeys.ceremony.Tuf1RootTarget;
import dev.trustkeys.core.KeysException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys ceremony verify REQUEST [--server URL | --tuf REPO]}: checks the request's transcript
 * and its root keys' attestations, and prints them.
 */
@Command(
    name = "verify",
    description =
        "Check a request's transcript (hash chain, entries signed by root keys, "
            + "a publication signed or confirmed where it was published) and its root keys' YubiKey attestations, and "
            + "print them; with --server, a publication is also checked against the root that server"
            + " has. Exit code 7 if they do not verify.")
final class CeremonyVerifyCommand implements Callable<Integer> {
  @ParentCommand CeremonyCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST")
  Path request;

  @picocli.CommandLine.Mixin ServerCheckFlags server;

  @Option(
      names = "--tuf",
      paramLabel = "REPO",
      description = "Also check a publication against this TUF " + "repository's root.")
  Path tuf;

  @picocli.CommandLine.Mixin JsonOption json;

  @picocli.CommandLine.Mixin CeremonyTrustOptions trust;

  @Override
  public Integer call() throws KeysException {
    CeremonyRequest req = CeremonyRequest.read(request);
    CeremonyTuf.requireDialect(req, tuf != null, server.given());
    java.time.Clock clock = parent.root.clock();
    RootCeremony ceremony = trust.ceremony(clock);
    TranscriptReport report =
        server.given()
            ? ceremony.verify(
                req, server.server(new Remote(new Context(parent.root)), req.subject()))
            : tuf != null
                ? ceremony.verify(req, new Tuf1RootTarget(tuf, clock))
                : ceremony.verify(req);
    KeyReview keys = ceremony.review(req);
    List<Map<String, Object>> entries = req.transcript().entries();
    var out = spec.commandLine().getOut();
    if (json.enabled) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put(req.dialect().subjectField(), req.subject());
      m.put("verified", keys.problems().isEmpty());
      m.put("transcript", entries);
      m.put("signed_sha256", req.sha256());
      List<Object> signers = new ArrayList<>();
      report.signers().forEach(s -> signers.add(s.map(RootKey::toJson).orElse(null)));
      m.put("entry_signers", signers);
      m.put("publish_confirmed_on_server", report.publishConfirmed());
      m.put("attested", keys.notes());
      m.put("problems", keys.problems());
      m.put("warnings", keys.warnings());
      out.print(Json.write(m));
    } else {
      out.println(
          "Transcript of the root ceremony for "
              + req.describeSubject()
              + ": "
              + entries.size()
              + " entries, hash chain intact, entry signatures valid");
      for (int i = 0; i < entries.size(); i++) {
        Map<String, Object> e = entries.get(i);
        Optional<RootKey> by = report.signers().get(i);
        Object device = e.get("device");
        out.printf(
            "  #%s %s %-7s by %s%s%s  v%s->v%s  %s%n",
            e.get("seq"),
            e.get("time"),
            e.get("action"),
            e.get("operator"),
            by.map(k -> " with key " + k.label()).orElse(", not signed"),
            device == null || device.toString().isEmpty() ? "" : " on " + device,
            e.get("version_before"),
            e.get("version_after"),
            ((String) e.get("hash")).substring(0, 16));
      }
      out.println(report.planText());
      if (report.publishConfirmed()) {
        out.println(
            "The publication is confirmed: "
                + (server.given() ? "the server " + server.server : "the repository " + tuf)
                + " has this root as version "
                + req.proposed().version()
                + ".");
      }
      out.print(keys.toText());
    }
    out.flush();
    if (!keys.problems().isEmpty()) {
      throw keys.refusal("");
    }
    return 0;
  }
}
