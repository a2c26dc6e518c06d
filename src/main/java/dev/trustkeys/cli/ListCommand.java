package dev.trustkeys.cli;

import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys list [GUN] [--role ROLE]}: every key (or those of a repository or role), where it
 * lives.
 */
@Command(
    name = "list",
    aliases = "ls",
    description = "List signing keys (never decrypts anything).")
final class ListCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "GUN",
      description = "Only the keys of this repository (root keys belong to none: see --role root).")
  String gun;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      completionCandidates = Completion.Roles.class,
      description =
          "Only the keys of this role: root, targets, snapshot, timestamp, a delegation (targets/releases)"
              + " or a signer's name.")
  String role;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws KeysException {
    return run(
        new Context(root),
        gun,
        role,
        json.enabled,
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  /**
   * The listing itself, shared with {@link FastPath} (which runs it without picocli's model): the
   * keys of {@code gun} and {@code role} (null: any). Files that cannot be read, and back ends that
   * are absent (a recorded token that is not there), are reported whatever the filter.
   */
  static int run(
      Context ctx, String gun, String role, boolean json, PrintWriter out, PrintWriter err)
      throws KeysException {
    Role wanted = role == null ? null : Role.fromHeader(role);
    KeyListing listing = ctx.keyring().list();
    List<KeyInfo> all = listing.keys();
    List<KeyListing.Unreadable> unreadable = listing.unreadable();
    List<KeyListing.Absent> absent = listing.absent();
    if (all.isEmpty() && unreadable.isEmpty() && absent.isEmpty()) {
      // nothing anywhere: a -d that names no directory is a mistake, not "no keys" (with keys on a
      // token, the trust directory may rightly not exist yet)
      ctx.checkTrustDirectory();
    }
    List<KeyInfo> keys = new ArrayList<>();
    for (KeyInfo k : all) {
      if ((gun == null || gun.equals(k.gun())) && (wanted == null || wanted.equals(k.role()))) {
        keys.add(k);
      }
    }
    if (wanted != null && keys.isEmpty()) {
      Role.of(
          role); // no key has it: a name that is no role at all is a typo (exit 2), not "no keys"
    }
    keys.sort(dev.trustkeys.backend.file.KeyFileStore.ORDER);
    if (json) {
      out.print(Json.write(toJson(keys, unreadable, absent)));
      out.flush();
      return 0;
    }
    boolean filtered = gun != null || wanted != null;
    if (keys.isEmpty() && ((unreadable.isEmpty() && absent.isEmpty()) || filtered)) {
      out.println(
          "No signing keys found"
              + (gun == null ? "" : " for " + Style.printable(gun))
              + (wanted == null
                  ? ""
                  : (gun == null ? " for" : ",") + " role " + Style.printable(role))
              + ".");
      out.flush();
      reportUnreadable(unreadable, absent, err);
      return 0;
    }
    Style style = Style.of(ctx.env(), ctx.terminal());
    Table t = new Table("ROLE", "GUN", "KEY ID", "ALGORITHM", "LOCATION");
    // GUNs and file names come from files anyone may have put in the directory: shown with control
    // characters replaced, so that a hostile key file cannot send escape sequences to the terminal.
    String location = null;
    String shown = null;
    for (KeyInfo k : keys) {
      // the keys of one back end share their location: made printable once, not once per key
      if (!k.location().display().equals(location)) {
        location = k.location().display();
        shown = Style.printable(location);
      }
      t.row(
          style.role(k.role().name()), Style.printable(k.gun()), k.id().hex(), algorithm(k), shown);
    }
    for (KeyListing.Unreadable u : unreadable) {
      t.row("?", "", "(unreadable)", "", Style.printable(u.location()));
    }
    for (KeyListing.Absent a : absent) {
      t.row("?", "", "(absent)", "", Style.printable(a.location()));
    }
    t.print(out);
    reportUnreadable(unreadable, absent, err);
    return 0;
  }

  private static void reportUnreadable(
      List<KeyListing.Unreadable> unreadable, List<KeyListing.Absent> absent, PrintWriter err) {
    for (KeyListing.Unreadable u : unreadable) {
      err.println(
          "keys: unreadable: "
              + Style.printable(u.location())
              + ": "
              + Style.printable(u.reason()));
    }
    for (KeyListing.Absent a : absent) {
      err.println(
          "keys: absent: " + Style.printable(a.location()) + ": " + Style.printable(a.reason()));
    }
    err.flush();
  }

  private static String algorithm(KeyInfo k) {
    return k.algorithm() == null ? "?" : k.algorithm().cliName();
  }

  static Map<String, Object> keyJson(KeyInfo k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.id().hex());
    m.put("role", k.role().name());
    m.put("gun", k.gun());
    m.put("algorithm", k.algorithm() == null ? null : k.algorithm().cliName());
    m.put("location", k.location().scheme());
    m.put("path", k.location().display());
    return m;
  }

  private static Map<String, Object> toJson(
      List<KeyInfo> keys, List<KeyListing.Unreadable> unreadable, List<KeyListing.Absent> absent) {
    List<Object> ks = new ArrayList<>();
    for (KeyInfo k : keys) {
      ks.add(keyJson(k));
    }
    List<Object> us = new ArrayList<>();
    for (KeyListing.Unreadable u : unreadable) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", u.location());
      m.put("reason", u.reason());
      us.add(m);
    }
    List<Object> as = new ArrayList<>();
    for (KeyListing.Absent a : absent) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", a.location());
      m.put("reason", a.reason());
      as.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("keys", ks);
    root.put("unreadable", us);
    root.put("absent", as);
    return root;
  }
}
