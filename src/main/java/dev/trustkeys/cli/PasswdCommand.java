package dev.trustkeys.cli;

import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.secret.ChainedSecrets;
import dev.trustkeys.core.secret.FileSecrets;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.TerminalPrompter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys passwd KEYID}: change the passphrase of a key file. */
@Command(name = "passwd", description = "Change the passphrase of a key.")
final class PasswdCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "KEYID", description = "Key ID (7 or more characters).")
  String id;

  @Option(
      names = "--new-passphrase-file",
      paramLabel = "FILE",
      description = "Read the new passphrase from FILE instead of asking twice on the terminal.")
  Path newPassphraseFile;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(root);
    KeyInfo k = ctx.locate(id).key();
    if (k.location().isHardware()) {
      throw new UsageException(
          k.label() + " lives on " + k.location().display() + ": it has a PIN, not a passphrase");
    }
    List<SecretProvider> chain = new ArrayList<>();
    if (newPassphraseFile != null) {
      chain.add(new FileSecrets(newPassphraseFile, r -> true));
    }
    chain.add(new TerminalPrompter(ctx.terminal()));
    ctx.fileStore().changePassphrase(k.id(), new ChainedSecrets(chain));
    spec.commandLine()
        .getOut()
        .println("Successfully updated passphrase for key ID: " + k.id().hex());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
