package dev.trustkeys.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program in a real terminal: a tmux server of its own (a private socket in a test directory)
 * runs one command in a pseudo-terminal, so that {@code System.console()} exists and prompts are
 * read as a person types them. Tests type with {@link #type} and read the screen with {@link
 * #waitFor}; the command's exit status is shown as {@code [exit N]} when it ends. {@link #close}
 * stops that tmux server only (by its socket).
 */
public final class Tmux implements AutoCloseable {
  private static final long WAIT_SECONDS = 120;
  private final Path socket;
  private final Map<String, String> env;

  private Tmux(Path socket, Map<String, String> env) {
    this.socket = socket;
    this.env = env;
  }

  /**
   * Starts {@code command} (run by bash) in a 200x50 terminal with exactly {@code env} as its
   * environment, plus {@code TERM}.
   */
  public static Tmux start(Path dir, Map<String, String> env, String command) {
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (IOException e) {
      throw new AssertionError("cannot create " + dir, e);
    }
    Tmux t = new Tmux(dir.resolve("tmux.sock"), env);
    t.tmux(
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-x",
        "200",
        "-y",
        "50",
        "-s",
        "test",
        "bash --norc --noprofile -c " + quote(command + "; echo \"[exit $?]\"; exec sleep 3600"));
    return t;
  }

  /** Single-quotes {@code s} for bash. */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Types {@code text} and Enter. */
  public void type(String text) {
    if (!text.isEmpty()) {
      tmux("send-keys", "-t", "test", "-l", text);
    }
    tmux("send-keys", "-t", "test", "Enter");
  }

  /** What the terminal shows now (wrapped lines joined, trailing blanks dropped). */
  public String screen() {
    return tmux("capture-pane", "-p", "-J", "-t", "test").stripTrailing();
  }

  /**
   * Waits until the screen shows {@code text} (trailing blanks aside: a terminal does not show
   * them); returns the screen. Fails with the screen after two minutes.
   */
  public String waitFor(String text) {
    text = text.stripTrailing();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      String s = screen();
      if (s.contains(text)) {
        return s;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("the terminal never showed '" + text + "':\n" + s);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /** Waits for the command to end; returns its exit status. */
  public int exitCode() {
    String s = waitFor("[exit ");
    int at = s.lastIndexOf("[exit ");
    return Integer.parseInt(s.substring(at + 6, s.indexOf(']', at)));
  }

  @Override
  public void close() {
    tmux("kill-server");
  }

  private String tmux(String... args) {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
    cmd.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().clear();
      pb.environment().putAll(env);
      pb.environment().put("TERM", "xterm-256color");
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("tmux timed out: " + cmd);
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0 && !args[0].equals("kill-server")) {
        throw new AssertionError("tmux failed (" + p.exitValue() + "): " + cmd + "\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new AssertionError("cannot run tmux (bin/test installs it): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
