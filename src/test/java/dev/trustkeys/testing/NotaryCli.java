package dev.trustkeys.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code notary} client: {@code notary -s URL -d DIR args...}, passphrases in its
 * environment.
 */
public final class NotaryCli {
  private final String server;
  private final Path trustDir;
  private final Map<String, String> env;
  private final List<String> global;

  public record Result(int exit, String output) {
    public boolean ok() {
      return exit == 0;
    }

    @Override
    public String toString() {
      return "exit " + exit + ": " + output;
    }
  }

  public NotaryCli(String server, Path trustDir, Map<String, String> env) {
    this(server, trustDir, env, List.of());
  }

  private NotaryCli(String server, Path trustDir, Map<String, String> env, List<String> global) {
    this.server = server;
    this.trustDir = trustDir;
    this.env = Map.copyOf(env);
    this.global = List.copyOf(global);
  }

  /**
   * The same client with more global flags before the command: {@code --tlscacert FILE}, {@code -c
   * CONFIG}.
   */
  public NotaryCli with(String... flags) {
    List<String> g = new ArrayList<>(global);
    g.addAll(List.of(flags));
    return new NotaryCli(server, trustDir, env, g);
  }

  public Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  public Result runWithInput(String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("notary", "-s", server, "-d", trustDir.toString()));
    cmd.addAll(global);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("NOTARY_") || k.startsWith("DOCKER_CONTENT_TRUST"));
    pb.environment().putAll(env);
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("notary " + args[0] + " did not finish");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
