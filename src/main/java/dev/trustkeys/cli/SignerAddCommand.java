package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.notary.Signers;
import dev.trustkeys.registry.ImageReference;
import dev.trustkeys.tuf.TufKey;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keys signer add --key PUBFILE|KEYID NAME REPOSITORY...}: the key goes into {@code
 * targets/NAME} and {@code targets/releases}; a repository the server does not have yet is created
 * first.
 */
@Command(
    name = "add",
    description =
        "Add a signer (its public keys) to repositories: targets/NAME and "
            + "targets/releases, as 'docker trust signer add' did. A new repository is created first.")
final class SignerAddCommand implements Callable<Integer> {
  @ParentCommand SignerCommand parent;

  @Option(
      names = {"-k", "--key"},
      paramLabel = "PUBFILE|KEYID",
      required = true,
      description =
          "The signer's public key: a PEM file (PUBLIC KEY or CERTIFICATE, e.g. from 'docker trust key"
              + " generate'), or a key held here by ID or pkcs11: URI (a YubiKey's or a token's). Repeatable.")
  List<String> keys;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "The signer's name: lowercase letters, digits, - and _.")
  String name;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "REPOSITORY",
      description = "Image repositories as Docker names them (me/app, registry:5000/team/app).")
  List<String> repositories;

  @Mixin ServerFlags serverFlags;

  @Override
  public Integer call() throws KeysException {
    Signers.checkName(name);
    Context ctx = new Context(parent.root);
    PrintWriter out = parent.root.out();
    PrintWriter err = parent.root.errors();
    List<TufKey> pub = PublicKeyInput.resolve(ctx, keys);
    return SignerCommand.forEach(
        repositories,
        err,
        "failed to add signer to",
        repo -> {
          out.println("Adding signer \"" + name + "\" to " + repo + "...");
          out.flush();
          ImageReference ref = ImageReference.parse(repo);
          Signers.Added a =
              new Signers(serverFlags.session(ctx, ref.gun(), err)).add(ref.gun(), name, pub);
          if (a.initialized()) {
            out.println("Initializing signed repository for " + repo + "...");
            out.println("Successfully initialized \"" + repo + "\"");
          }
          out.println(
              a.changed()
                  ? "Successfully added signer: " + name + " to " + repo
                  : "Signer "
                      + name
                      + " already has these keys in "
                      + repo
                      + ": nothing to publish");
          out.println("");
          out.flush();
        });
  }
}
