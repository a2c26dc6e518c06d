package dev.trustkeys.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A notary-server with TLS from a test CA and token authentication (user {@code dev}), and, per
 * test, a home directory set up as a Docker user's: the CA in {@code
 * ~/.docker/tls/<host:port>/ca.crt}, a credential helper of ours in {@code config.json} (logins for
 * the registry {@value #REGISTRY}), {@code DOCKER_CONTENT_TRUST_SERVER} naming the server, and
 * Docker's passphrase variables. The real {@code docker trust}, the real {@code notary} client and
 * {@code keys} all work from it unchanged.
 */
public final class DockerTrustRig implements AutoCloseable {
  public static final String REGISTRY = "127.0.0.1:5000";
  public static final String USER = "dev";
  public static final String PASSWORD = "docker-user-Pass-1";
  public static final String ROOT_PASSPHRASE = "root-pass-12";
  public static final String REPOSITORY_PASSPHRASE = "repo-pass-12";

  private final TestCa ca;
  private final TokenIssuer issuer;
  private final NotaryServerProcess server;

  private DockerTrustRig(TestCa ca, TokenIssuer issuer, NotaryServerProcess server) {
    this.ca = ca;
    this.issuer = issuer;
    this.server = server;
  }

  public static DockerTrustRig start(Path dir) throws Exception {
    TestCa ca = TestCa.create("keys docker-trust test CA");
    TokenIssuer issuer = TokenIssuer.start(dir, ca).user(USER, PASSWORD, "pull", "push", "*");
    try {
      return new DockerTrustRig(
          ca,
          issuer,
          NotaryServerProcess.builder(dir.resolve("server")).tls(ca).tokenAuth(issuer).start());
    } catch (Exception e) {
      issuer.close();
      throw e;
    }
  }

  public NotaryServerProcess server() {
    return server;
  }

  /**
   * A Docker user's home under {@code dir} (created once; the same directory gives the same home).
   */
  public Home home(Path dir) throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path docker = home.resolve(".docker");
    ca.writeCertificate(docker.resolve("tls").resolve(server.hostPort()).resolve("ca.crt"));
    Files.writeString(docker.resolve("config.json"), "{\"credsStore\":\"keystest\"}");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path helper = bin.resolve("docker-credential-keystest");
    Files.writeString(
        helper,
        "#!/bin/sh\ncase \"$1\" in\n get) read -r server\n"
            + "  [ \"$server\" = "
            + REGISTRY
            + " ] || { echo 'credentials not found in native keychain'; exit 1; }\n"
            + "  echo '{\"ServerURL\":\""
            + REGISTRY
            + "\",\"Username\":\""
            + USER
            + "\",\"Secret\":\""
            + PASSWORD
            + "\"}' ;;\n *) exit 1 ;;\nesac\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("DOCKER_CONFIG", docker.toString());
    env.put("PATH", bin + ":" + System.getenv("PATH"));
    env.put("DOCKER_CONTENT_TRUST_SERVER", server.url());
    env.put("DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE", ROOT_PASSPHRASE);
    env.put("DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE", REPOSITORY_PASSPHRASE);
    return new Home(home, docker, env, this);
  }

  /** One user's home: Docker's directory and the environment of every program run there. */
  public record Home(Path dir, Path docker, Map<String, String> env, DockerTrustRig rig) {
    /** The same home with more environment (a YubiKey rig's socket, a PKCS#11 module and PIN). */
    public Home with(Map<String, String> more) {
      Map<String, String> e = new HashMap<>(env);
      e.putAll(more);
      return new Home(dir, docker, Map.copyOf(e), rig);
    }

    public Path trustDir() {
      return docker.resolve("trust");
    }

    /** Runs a program (docker, notary, ...) in this environment, without standard input. */
    public KeysRunner.Result run(String... cmd) {
      KeysRunner r = new KeysRunner();
      env.forEach(r::env);
      return r.command(cmd);
    }

    /** {@code keys} in-process, on Docker's trust directory, with this environment. */
    public KeysCli keys() {
      return keys(Map.of());
    }

    public KeysCli keys(Map<String, String> more) {
      Map<String, String> e = new HashMap<>(env);
      e.putAll(more);
      return new KeysCli(trustDir(), e);
    }

    /** The real notary client on Docker's trust directory, logged in as Docker's user. */
    public NotaryCli notary() {
      return new NotaryCli(
              rig.server.url(),
              trustDir(),
              Map.of(
                  "NOTARY_AUTH",
                  Base64.getEncoder()
                      .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
                  "NOTARY_ROOT_PASSPHRASE",
                  ROOT_PASSPHRASE,
                  "NOTARY_TARGETS_PASSPHRASE",
                  REPOSITORY_PASSPHRASE,
                  "NOTARY_SNAPSHOT_PASSPHRASE",
                  REPOSITORY_PASSPHRASE,
                  "NOTARY_DELEGATION_PASSPHRASE",
                  REPOSITORY_PASSPHRASE,
                  "HOME",
                  dir.toString()))
          .with("--tlscacert", rig.server.caFile().toString());
    }
  }

  @Override
  public void close() {
    server.close();
    issuer.close();
  }
}
