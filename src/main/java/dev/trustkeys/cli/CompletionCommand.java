package dev.trustkeys.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keys completion bash|zsh}: the completion script (the one the build writes to
 * target/completion/keys). The script is bash's; zsh loads it through {@code bashcompinit}, which
 * the script turns on itself.
 */
@Command(
    name = "completion",
    description = {
      "Print the shell completion script for bash or zsh.",
      "bash: keys completion bash > ~/.local/share/bash-completion/completions/keys;"
          + " zsh: keys completion zsh > ~/.zfunc/keys.zsh and 'source' it from ~/.zshrc."
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "bash (default) or zsh.")
  Shell shell;

  enum Shell {
    bash,
    zsh
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(Completion.script(spec.root().commandLine()));
    out.flush();
    return 0;
  }
}
