package dev.trustkeys.cli;

import dev.trustkeys.backend.pkcs11.Pkcs11Uri;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code keys generate}: a new key, encrypted with a new passphrase. */
@Command(name = "generate", description = "Generate a new signing key.")
final class GenerateCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;

  @Option(
      names = {"-r", "--role"},
      required = true,
      paramLabel = "ROLE",
      completionCandidates = Completion.Roles.class,
      description = "root, targets, snapshot, timestamp or a delegation (targets/NAME).")
  String role;

  @Option(
      names = {"-g", "--gun"},
      paramLabel = "GUN",
      description =
          "Repository (Globally Unique Name); required for targets, snapshot and timestamp keys.")
  String gun;

  @Option(
      names = {"-a", "--algorithm"},
      paramLabel = "ALG",
      defaultValue = "ecdsa",
      completionCandidates = Completion.Algorithms.class,
      description = "ecdsa (P-256, default), rsa2048, rsa4096 or ed25519.")
  String algorithm;

  @Option(
      names = "--pkcs11",
      paramLabel = "URI",
      description =
          "Generate on the PKCS#11 token this pkcs11: URI names (e.g. pkcs11:token=LABEL) instead of a file.")
  String pkcs11;

  /**
   * --yubikey (ECDSA only: made on the host, imported, backed up; or --on-device), --serial,
   * policies.
   */
  @picocli.CommandLine.Mixin YubiKeyInitOptions yubiKeyOptions;

  @Override
  public Integer call() throws KeysException {
    KeySpec ks = KeySpec.of(Role.of(role), gun, Algorithm.fromCliName(algorithm));
    Context ctx = new Context(root);
    boolean yubikey = yubiKeyOptions.requiresYubiKey();
    if (yubikey && pkcs11 != null) {
      throw new dev.trustkeys.core.UsageException("--yubikey and --pkcs11 exclude each other");
    }
    if (pkcs11 != null) {
      Pkcs11Uri.parse(pkcs11); // a token's URI, not another back end's
    }
    KeyInfo k;
    String what =
        "Generating "
            + ks.algorithm().cliName()
            + " "
            + ks.role()
            + " key"
            + (pkcs11 == null ? "" : " on the token (this can take a while for RSA)");
    Progress progress = ctx.progress(root.errors(), what);
    try {
      if (yubikey) {
        k = yubiKeyOptions.keyring(ctx).rootHome().generate(ks);
      } else {
        k =
            pkcs11 == null
                ? ctx.fileStore().generate(ks)
                : ctx.keyring().backend(pkcs11).generate(ks);
      }
    } finally {
      progress.close();
    }
    PrintWriter out = root.out();
    out.println(
        "Generated new "
            + k.algorithm().cliName()
            + " "
            + k.role()
            + " key with keyID: "
            + k.id().hex());
    if (pkcs11 != null || yubikey) {
      out.println("Location: " + k.location().display());
    }
    out.flush();
    return 0;
  }
}
