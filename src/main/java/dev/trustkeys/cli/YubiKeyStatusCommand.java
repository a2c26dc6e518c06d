package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.YubiKeyBackend;
import dev.trustkeys.core.KeysException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys yubikey status}: PIN tries, factory management key, the TUF keys in the slots. */
@Command(
    name = "status",
    description = "Show a YubiKey: PIN tries left, factory settings, keys in the slots.")
final class YubiKeyStatusCommand implements Callable<Integer> {
  @ParentCommand YubiKeyCommand parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--serial",
      paramLabel = "N",
      description = "The YubiKey, when several are plugged in.")
  Integer serial;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    YubiKeyBackend b = ctx.yubiKeys().backend(serial);
    int tries = ctx.yubiKeys().yubiKeys().session(b.device()).getPinAttempts();
    boolean factoryMgmt = b.hasFactoryManagementKey();
    List<YubiKeyBackend.SlotStatus> slots = b.slotStatus();
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled) {
      Map<String, Object> m = YubiKeyListCommand.device(b.device());
      m.put("pinTriesLeft", tries < 0 ? null : tries);
      m.put("factoryManagementKey", factoryMgmt);
      List<Object> ss = new ArrayList<>();
      for (YubiKeyBackend.SlotStatus s : slots) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("slot", s.slot().hex());
        e.put("id", s.key().id().hex());
        e.put("role", s.key().role().name());
        e.put("gun", s.key().gun());
        e.put("pinPolicy", s.pinPolicy().toString());
        e.put("touchPolicy", s.touchPolicy().toString());
        ss.add(e);
      }
      m.put("slots", ss);
      out.print(Json.write(m));
      out.flush();
      return 0;
    }
    out.println(
        "YubiKey "
            + b.device().serial()
            + " ("
            + b.device().model()
            + ", firmware "
            + b.device().firmware()
            + ", reader "
            + b.device().reader()
            + ")");
    out.println("PIN tries left: " + (tries < 0 ? "(PIN verified)" : String.valueOf(tries)));
    out.println(
        "Management key: "
            + (factoryMgmt
                ? "FACTORY DEFAULT - run 'keys yubikey setup --serial " + b.device().serial() + "'"
                : "changed"));
    if (slots.isEmpty()) {
      out.println("Keys: none in slots 9c, 9a, 9d, 9e");
    } else {
      Table t = new Table("SLOT", "ROLE", "GUN", "KEY ID", "PIN", "TOUCH");
      for (YubiKeyBackend.SlotStatus s : slots) {
        t.row(
            s.slot().hex(),
            s.key().role().name(),
            s.key().gun(),
            s.key().id().hex(),
            s.pinPolicy().toString(),
            s.touchPolicy().toString());
      }
      t.print(out);
    }
    out.flush();
    return 0;
  }
}
