package dev.trustkeys.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which server, which TLS settings and which logins a repository gets, as Docker and Notary decide
 * them.
 */
class EndpointResolverTest {
  @TempDir Path home;
  final Map<String, String> env = new HashMap<>();

  EndpointResolver resolver() {
    return new EndpointResolver(env, home, home.resolve("etc-docker-certs.d"));
  }

  void notaryConfig(String json) throws Exception {
    Files.createDirectories(home.resolve(".notary"));
    Files.writeString(home.resolve(".notary/config.json"), json);
  }

  @Test
  void theServer_flagThenEnvironmentThenNotaryConfigThenTheRegistrysDefault() throws Exception {
    notaryConfig("{\"remote_server\":{\"url\":\"https://notary.corp.example:4443\"}}");
    env.put("DOCKER_CONTENT_TRUST_SERVER", "https://trust.example");
    NotaryEndpoint e =
        resolver()
            .resolve(
                "reg.example/app", new ServerOptions("https://flag.example", null, null, null));
    assertEquals("https://flag.example", e.url());
    assertEquals("", e.origin(), "named on the command line");

    e = resolver().resolve("reg.example/app", ServerOptions.none());
    assertEquals("https://trust.example", e.url());
    assertEquals("DOCKER_CONTENT_TRUST_SERVER", e.origin());

    env.remove("DOCKER_CONTENT_TRUST_SERVER");
    e = resolver().resolve("reg.example/app", ServerOptions.none());
    assertEquals("https://notary.corp.example:4443", e.url());
    assertEquals(home.resolve(".notary/config.json").toString(), e.origin());

    Files.delete(home.resolve(".notary/config.json"));
    assertEquals(
        "https://reg.example:5000",
        resolver().resolve("reg.example:5000/app", ServerOptions.none()).url());
    NotaryEndpoint hub = resolver().resolve("docker.io/library/alpine", ServerOptions.none());
    assertEquals("https://notary.docker.io", hub.url());
    assertTrue(hub.isDockerHub());
    assertEquals("docker.io", resolver().resolve("me/app", ServerOptions.none()).registry());
  }

  @Test
  void dockerContentTrustServer_mustBeHttps_asDockerRequires() {
    env.put("DOCKER_CONTENT_TRUST_SERVER", "http://trust.example");
    UsageException e =
        assertThrows(
            UsageException.class, () -> resolver().resolve("r.example/a", ServerOptions.none()));
    assertTrue(e.getMessage().contains("must be an https:// URL"), e.getMessage());
  }

  @Test
  void registries_asDockerNamesThem() {
    assertEquals("docker.io", Registries.of("alpine"));
    assertEquals("docker.io", Registries.of("me/app"));
    assertEquals("docker.io", Registries.of("index.docker.io/me/app"));
    assertEquals("localhost", Registries.of("localhost/app"));
    assertEquals("127.0.0.1:5000", Registries.of("127.0.0.1:5000/a/b"));
    assertEquals("registry.example.com", Registries.of("registry.example.com/team/app"));
  }

  @Test
  void notarysRootCaAndClientCertificate_applyToItsOwnServerOnly_relativeToItsDirectory()
      throws Exception {
    notaryConfig(
        "{\"remote_server\":{\"url\":\"https://notary.corp.example:4443\",\"root_ca\":\"ca.crt\","
            + "\"tls_client_cert\":\"c.cert\",\"tls_client_key\":\"/abs/c.key\"}}");
    NotaryEndpoint e = resolver().resolve("r.example/a", ServerOptions.none());
    assertEquals(List.of(home.resolve(".notary/ca.crt")), e.tls().caFiles());
    assertTrue(e.tls().onlyTheseCas());
    assertEquals(home.resolve(".notary/c.cert"), e.tls().clientCertificate().orElseThrow());
    assertEquals(Path.of("/abs/c.key"), e.tls().clientKey().orElseThrow());

    NotaryEndpoint other =
        resolver()
            .resolve("r.example/a", new ServerOptions("https://other.example", null, null, null));
    assertEquals(List.of(), other.tls().caFiles());
    assertFalse(other.tls().clientCertificate().isPresent());
  }

  @Test
  void dockersCertificateDirectories_addCas_andTheirClientPair() throws Exception {
    env.put("DOCKER_CONFIG", home.resolve("dc").toString());
    Path dir = Files.createDirectories(home.resolve("dc/tls/notary.example:4443"));
    Files.writeString(dir.resolve("ca.crt"), "x");
    Files.writeString(dir.resolve("client.cert"), "x");
    Files.writeString(dir.resolve("client.key"), "x");
    Path etc = Files.createDirectories(home.resolve("etc-docker-certs.d/notary.example:4443"));
    Files.writeString(etc.resolve("other-ca.crt"), "x");
    NotaryEndpoint e =
        resolver()
            .resolve(
                "r.example/a", new ServerOptions("https://notary.example:4443", null, null, null));
    assertEquals(List.of(dir.resolve("ca.crt"), etc.resolve("other-ca.crt")), e.tls().caFiles());
    assertFalse(e.tls().onlyTheseCas());
    assertEquals(dir.resolve("client.cert"), e.tls().clientCertificate().orElseThrow());
    assertEquals(Optional.of(dir.resolve("ca.crt")), e.tls().dockerCaFile());

    Path ca = home.resolve("mine.crt");
    e =
        resolver()
            .resolve(
                "r.example/a", new ServerOptions("https://notary.example:4443", ca, null, null));
    assertEquals(List.of(ca), e.tls().caFiles());
    assertTrue(e.tls().onlyTheseCas());

    Files.delete(dir.resolve("client.key"));
    UsageException missing =
        assertThrows(
            UsageException.class,
            () ->
                resolver()
                    .resolve(
                        "r.example/a",
                        new ServerOptions("https://notary.example:4443", null, null, null)));
    assertTrue(missing.getMessage().contains("missing key client.key"), missing.getMessage());
  }

  @Test
  void aCertificateWithoutItsKey_isAUsageError() {
    KeysException e =
        assertThrows(
            KeysException.class,
            () ->
                resolver()
                    .resolve(
                        "r.example/a",
                        new ServerOptions("https://n.example", null, home.resolve("c.pem"), null)));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals("a client certificate needs its key and the key its certificate", e.getMessage());
    assertEquals(
        dev.trustkeys.core.Remedy.Kind.GIVE_CERTIFICATE_AND_KEY, e.remedy().orElseThrow().kind());
  }

  @Test
  void badUrls_areRefusedNamingWhereTheyCameFrom() throws Exception {
    UsageException e =
        assertThrows(
            UsageException.class,
            () ->
                resolver()
                    .resolve("r.example/a", new ServerOptions("notary.example", null, null, null)));
    assertTrue(e.getMessage().contains("must start with https://"), e.getMessage());
    notaryConfig("{\"remote_server\":{\"url\":\"ftp://x\"}}");
    e =
        assertThrows(
            UsageException.class, () -> resolver().resolve("r.example/a", ServerOptions.none()));
    assertTrue(e.getMessage().contains(".notary/config.json"), e.getMessage());
  }
}
