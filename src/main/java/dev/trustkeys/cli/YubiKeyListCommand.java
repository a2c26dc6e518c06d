package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.YubiKeyDevice;
import dev.trustkeys.backend.yubikey.YubiKeyException;
import dev.trustkeys.backend.yubikey.YubiKeys;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys yubikey list}: the YubiKeys plugged in. */
@Command(
    name = "list",
    aliases = "ls",
    description = "List the YubiKeys plugged in (serial, model, firmware, reader).")
final class YubiKeyListCommand implements Callable<Integer> {
  @ParentCommand YubiKeyCommand parent;
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    Context ctx = new Context(parent.root);
    YubiKeys yk = ctx.yubiKeys().yubiKeys();
    List<Map<String, Object>> devices = new ArrayList<>();
    for (YubiKeyDevice d : yk.devices()) {
      try {
        devices.add(device(d));
      } catch (YubiKeyException e) {
        // pulled out, or no PIV application: not a YubiKey that can be used (as when it cannot be
        // connected to)
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled) {
      List<Object> list = new ArrayList<>(devices);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("yubikeys", list);
      m.put("note", yk.unavailableReason().orElse(null));
      out.print(Json.write(m));
    } else if (devices.isEmpty()) {
      out.println(
          "No YubiKey found" + yk.unavailableReason().map(r -> " (" + r + ")").orElse("") + ".");
    } else {
      Table t = new Table("SERIAL", "MODEL", "FIRMWARE", "READER");
      for (Map<String, Object> d : devices) {
        t.row(
            String.valueOf(d.get("serial")),
            (String) d.get("model"),
            (String) d.get("firmware"),
            (String) d.get("reader"));
      }
      t.print(out);
    }
    out.flush();
    return 0;
  }

  /** Serial, model, firmware, reader (reading serial and firmware costs 4 APDUs on a YubiKey 4). */
  static Map<String, Object> device(YubiKeyDevice d) throws YubiKeyException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("serial", d.serial());
    m.put("model", d.model());
    m.put("firmware", d.firmware());
    m.put("reader", d.reader());
    return m;
  }
}
