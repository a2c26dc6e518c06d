package dev.trustkeys.cli;

import dev.trustkeys.backend.pkcs11.Pkcs11Module;
import dev.trustkeys.backend.pkcs11.TokenFlag;
import dev.trustkeys.backend.pkcs11.TokenInfo;
import dev.trustkeys.core.KeysException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys tokens}: the PKCS#11 tokens present in the module (--module, KEYS_PKCS11_MODULE or
 * discovery).
 */
@Command(
    name = "tokens",
    description = "List the PKCS#11 tokens present (label, manufacturer, model, serial, flags).")
final class TokensCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws KeysException {
    Pkcs11Module m =
        new Context(root).pkcs11().module((dev.trustkeys.backend.pkcs11.Pkcs11Uri) null);
    List<TokenInfo> tokens = m.tokens();
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled) {
      List<Object> ts = new ArrayList<>();
      for (TokenInfo t : tokens) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("slot", t.slotId());
        o.put("label", t.label());
        o.put("manufacturer", t.manufacturer());
        o.put("model", t.model());
        o.put("serial", t.serial());
        o.put(
            "flags", new ArrayList<Object>(t.flagSet().stream().map(TokenFlag::ckfName).toList()));
        o.put("uri", Pkcs11Module.tokenUri(t).toString());
        ts.add(o);
      }
      Map<String, Object> rootJson = new LinkedHashMap<>();
      rootJson.put("module", m.path().toString());
      rootJson.put("tokens", ts);
      out.print(Json.write(rootJson));
      out.flush();
      return 0;
    }
    if (tokens.isEmpty()) {
      out.println("No tokens present in " + m.path() + ".");
      out.flush();
      return 0;
    }
    Table table = new Table("SLOT", "LABEL", "MANUFACTURER", "MODEL", "SERIAL", "FLAGS");
    for (TokenInfo t : tokens) {
      String flags =
          t.flagSet().stream()
              .map(f -> f.name().toLowerCase(java.util.Locale.ROOT))
              .collect(Collectors.joining(","));
      table.row(
          Long.toString(t.slotId()), t.label(), t.manufacturer(), t.model(), t.serial(), flags);
    }
    table.print(out);
    out.flush();
    return 0;
  }
}
