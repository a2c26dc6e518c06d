package dev.trustkeys.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.KeysException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins found as Docker and Notary find them, and kept out of every string. */
class CredentialsTest {
  @TempDir Path tmp;

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  DockerCredentials docker(String configJson, Map<String, String> env) throws Exception {
    Files.writeString(tmp.resolve("config.json"), configJson);
    return new DockerCredentials(tmp.resolve("config.json"), env);
  }

  static String secret(Credentials c) {
    return new String(c.secret());
  }

  @Test
  void auths_byHostOrUrlKey_andDockerHubsHistoricalKey() throws Exception {
    DockerCredentials d =
        docker(
            "{\"auths\":{\"https://reg.example:5000\":{\"auth\":\""
                + b64("bob:pw1")
                + "\"},"
                + "\"https://index.docker.io/v1/\":{\"auth\":\""
                + b64("hub:pw2")
                + "\"}}}",
            Map.of("PATH", ""));
    Credentials c = d.lookup("reg.example:5000").orElseThrow();
    assertEquals("bob", c.username());
    assertEquals("pw1", secret(c));
    assertEquals("hub", d.lookup("docker.io").orElseThrow().username());
    assertTrue(d.lookup("other.example").isEmpty());
  }

  @Test
  void identityTokens_andDockerAuthConfig() throws Exception {
    DockerCredentials d =
        docker(
            "{\"auths\":{\"reg.example\":{\"identitytoken\":\"tok-1\"}}}",
            Map.of(
                "DOCKER_AUTH_CONFIG",
                "{\"auths\":{\"env.example\":{\"auth\":\"" + b64("env:pw3") + "\"}}}"));
    Credentials c = d.lookup("reg.example").orElseThrow();
    assertTrue(c.isIdentityToken());
    assertEquals("tok-1", secret(c));
    assertEquals("pw3", secret(d.lookup("env.example").orElseThrow()));
  }

  @Test
  void credentialHelpers_areAskedWithTheServerOnStandardInput() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path h = bin.resolve("docker-credential-t");
    Files.writeString(
        h,
        "#!/bin/sh\nread -r s\ncase \"$s\" in\n reg.example) echo '{\"ServerURL\":\"reg.example\","
            + "\"Username\":\"carol\",\"Secret\":\"pw4\"}' ;;\n tok.example) echo '{\"Username\":\"<token>\",\"Secret\""
            + ":\"tok-2\"}' ;;\n *) echo 'credentials not found in native keychain'; exit 1 ;;\nesac\n");
    Files.setPosixFilePermissions(h, PosixFilePermissions.fromString("rwx------"));
    DockerCredentials d =
        docker(
            "{\"credsStore\":\"t\",\"auths\":{\"reg.example\":{\"auth\":\"" + b64("x:y") + "\"}}}",
            Map.of("PATH", bin.toString()));
    assertEquals("pw4", secret(d.lookup("reg.example").orElseThrow()));
    assertTrue(d.lookup("tok.example").orElseThrow().isIdentityToken());
    assertTrue(d.lookup("none.example").isEmpty());

    DockerCredentials missing =
        docker("{\"credHelpers\":{\"reg.example\":\"absent\"}}", Map.of("PATH", bin.toString()));
    KeysException e = assertThrows(KeysException.class, () -> missing.lookup("reg.example"));
    assertTrue(
        e.getMessage().contains("docker-credential-absent")
            && e.getMessage().contains("not on the PATH"),
        e.getMessage());
  }

  @Test
  void notaryAuth_firstInTheChain_andMalformedValuesSaySo() throws Exception {
    CredentialSource chain =
        CredentialSource.firstOf(
            List.of(
                new NotaryAuth(Map.of("NOTARY_AUTH", b64("dave:pw5 "))), docker("{}", Map.of())));
    Credentials c = chain.lookup("any.example").orElseThrow();
    assertEquals("dave", c.username());
    assertEquals("pw5", secret(c));
    KeysException e =
        assertThrows(
            KeysException.class,
            () -> new NotaryAuth(Map.of("NOTARY_AUTH", b64("nocolon"))).lookup("x"));
    assertTrue(
        e.getMessage().contains("NOTARY_AUTH") && !e.getMessage().contains("nocolon"),
        e.getMessage());
  }

  @Test
  void noSecretInToStringOrHeadersLeftAround_andDestroyZeroes() throws Exception {
    Credentials c = Credentials.password("erin", "pw-very-secret".toCharArray(), "config.json");
    assertFalse(c.toString().contains("pw-very-secret"), c.toString());
    assertEquals("Basic " + b64("erin:pw-very-secret"), c.basicHeader());
    char[] held = c.secret();
    c.destroy();
    assertTrue(new String(held).chars().allMatch(ch -> ch == 0));
    assertThrows(IllegalStateException.class, c::secret);
  }

  @Test
  void challenges_asRegistriesAndNotarySendThem() {
    List<Challenge> cs =
        Challenge.parse(
            List.of(
                "Bearer realm=\"https://auth.example/token\",service=\"notary\","
                    + "scope=\"repository:a/b:push,pull\",error=\"insufficient_scope\"",
                "Basic realm=\"x\""));
    assertEquals(2, cs.size());
    assertEquals("bearer", cs.get(0).scheme());
    assertEquals("https://auth.example/token", cs.get(0).param("realm").orElseThrow());
    assertEquals("repository:a/b:push,pull", cs.get(0).param("scope").orElseThrow());
    assertEquals("insufficient_scope", cs.get(0).param("error").orElseThrow());
    assertEquals("basic", cs.get(1).scheme());
    assertEquals(
        "repository:x:pull",
        HttpTransport.scopeFor(new Challenge("bearer", Map.of()), "repository:x:pull"));
  }
}
