package dev.trustkeys.cli;

import dev.trustkeys.ceremony.CeremonyRequest;
import dev.trustkeys.ceremony.RootCeremony;
import dev.trustkeys.core.KeysException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys ceremony verify REQUEST}: checks the request's hash-chained transcript and prints it. */
@Command(name = "verify", description = "Check a request's transcript (hash chain, signed entries) and print it. "
    + "Exit code 7 if it was tampered with.")
final class CeremonyVerifyCommand implements Callable<Integer> {
  @ParentCommand CeremonyCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST") Path request;

  @Option(names = "--json", description = "Print the transcript as JSON.") boolean json;

  @Override
  public Integer call() throws KeysException {
    CeremonyRequest req = CeremonyRequest.read(request);
    new RootCeremony(java.time.Clock.systemUTC()).verify(req);
    var out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("gun", req.gun());
      m.put("verified", true);
      m.put("transcript", req.transcript().entries());
      out.print(Json.write(m));
    } else {
      out.println("Transcript of the root ceremony for " + req.gun() + ": " + req.transcript().entries().size()
          + " entries, hash chain intact");
      for (Map<String, Object> e : req.transcript().entries()) {
        out.printf("  #%s %s %-7s by %s%s  v%s->v%s  %s%n", e.get("seq"), e.get("time"), e.get("action"),
            e.get("operator"), e.get("key_id") == null ? "" : " with key " + ((String) e.get("key_id")).substring(0, 7)
                + (String.valueOf(e.get("device")).isEmpty() ? "" : " on " + e.get("device")),
            e.get("version_before"), e.get("version_after"), ((String) e.get("hash")).substring(0, 16));
      }
    }
    out.flush();
    return 0;
  }
}
