package dev.trustkeys.registry;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.json.JsonReader;
import dev.trustkeys.core.json.JsonSyntaxException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Docker credential helper, {@code docker-credential-NAME} on the PATH, asked as Docker asks it:
 * {@code get} with the server address on standard input, a JSON object {@code
 * {"ServerURL","Username","Secret"}} on standard output ({@code Username} {@code <token>} means the
 * secret is an identity token), and "credentials not found in native keychain" with a non-zero exit
 * when it has none. Nothing it prints reaches a message.
 */
public final class CredentialHelper {
  private static final String NOT_FOUND = "credentials not found in native keychain";
  private static final int MAX_OUTPUT = 64 * 1024;
  private static final long TIMEOUT_SECONDS = 60;
  private final String name;
  private final Map<String, String> env;

  public CredentialHelper(String name, Map<String, String> env) {
    this.name = name;
    this.env = Map.copyOf(env);
  }

  public String program() {
    return "docker-credential-" + name;
  }

  /** The login the helper holds for {@code serverAddress}, or empty when it holds none. */
  public Optional<Credentials> get(String serverAddress) throws KeysException {
    Path exe = locate();
    ProcessBuilder pb =
        new ProcessBuilder(exe.toString(), "get").redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(env);
    byte[] out;
    int exit;
    try {
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(serverAddress.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // a helper that does not read its input fails below with its own exit status
      }
      try (InputStream o = p.getInputStream()) {
        out = o.readNBytes(MAX_OUTPUT + 1);
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new KeysException(
            program()
                + " did not answer within "
                + TIMEOUT_SECONDS
                + " s for "
                + serverAddress
                + ": check the helper (is it waiting for a password or a device?)");
      }
      exit = p.exitValue();
    } catch (IOException e) {
      throw new KeysException("cannot run " + exe + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeysException("interrupted while asking " + program() + " for a login", e);
    }
    try {
      if (exit != 0) {
        if (new String(out, StandardCharsets.UTF_8).strip().equals(NOT_FOUND)) {
          return Optional.empty();
        }
        throw new KeysException(
            program()
                + " failed (exit status "
                + exit
                + ") for "
                + serverAddress
                + ": run 'docker login "
                + DockerCredentials.hostOf(serverAddress)
                + "' or check the helper");
      }
      if (out.length > MAX_OUTPUT) {
        throw new KeysException(
            program() + " answered with more than " + MAX_OUTPUT + " bytes: check the helper");
      }
      return Optional.of(parse(out));
    } finally {
      Arrays.fill(out, (byte) 0);
    }
  }

  private Credentials parse(byte[] out) throws KeysException {
    CharBuffer text = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(out));
    Object json;
    try {
      json = JsonReader.parse(text.toString());
    } catch (JsonSyntaxException e) {
      throw new KeysException(
          program()
              + " did not answer with the JSON of the credential-helper protocol: check"
              + " the helper");
    } finally {
      if (text.hasArray()) {
        Arrays.fill(text.array(), '\0');
      }
    }
    if (!(json instanceof Map) || !(((Map<?, ?>) json).get("Secret") instanceof String)) {
      throw new KeysException(program() + " answered without a Secret: check the helper");
    }
    Map<?, ?> m = (Map<?, ?>) json;
    String user = m.get("Username") instanceof String ? (String) m.get("Username") : "";
    char[] secret = ((String) m.get("Secret")).toCharArray();
    if (user.equals("<token>")) {
      return Credentials.identityToken("", secret, program());
    }
    return Credentials.password(user, secret, program());
  }

  /**
   * The helper on the PATH of the environment keys was given (not the JVM's own), as a shell would
   * find it.
   */
  private Path locate() throws KeysException {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, program());
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    throw new KeysException(
        program()
            + " (the credential helper Docker's config.json names) is not on the PATH:"
            + " install it, or remove credsStore/credHelpers from config.json");
  }
}
