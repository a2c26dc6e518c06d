package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `keys list` loads, from the JVM's own class-loading log: the start-up work
 * docs/performance.md describes stays off the listing path. A class that creeps back (picocli, a
 * crypto provider, a regex, a stream, a lambda spun at run time, another command's class) costs
 * milliseconds of every listing; this test names it. And what `keys sign` loads, as bin/keys runs
 * it: picocli, BouncyCastle and JNA come from the class-data-sharing archive the build makes (their
 * repackaging in keys.xml is what lets the archive hold them), with no java.sql and no child
 * process (JNA's ldconfig).
 */
class StartupClassesIT {
  @TempDir Path tmp;

  private static final List<String> FORBIDDEN =
      List.of(
          "picocli.", // the fast path never builds picocli's model
          "org.bouncycastle.", // listing decrypts nothing
          "javax.crypto.",
          "java.security.Signature",
          "sun.security.ec.",
          "java.util.regex.", // names, roles and escapes are checked by hand
          "java.util.stream.",
          "$$Lambda", // lambdas and method references are spun at run time
          "LambdaForm$MH/",
          "java.math.BigInteger", // (by java.time.Duration) nothing of a listing computes with it
          "com.sun.jna."); // no YubiKey library unless pcscd runs

  @Test
  void list_loadsNoneOfTheClassesItDoesNotNeed() throws Exception {
    KeysRunner keys =
        new KeysRunner()
            .fastKdf()
            .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase")
            .env("NOTARY_TARGETS_PASSPHRASE", "targets-passphrase")
            .env("PCSCLITE_CSOCK_NAME", tmp.resolve("no-pcscd.comm").toString());
    Path trust = tmp.resolve("trust");
    assertEquals(0, keys.keys("-d", trust.toString(), "generate", "--role", "root").exitCode());
    assertEquals(
        0,
        keys.keys("-d", trust.toString(), "generate", "--role", "targets", "--gun", "example.com/a")
            .exitCode());
    Path log = tmp.resolve("classes.log");
    // the listing itself by the jar as shipped (the keys above were made through the test entry
    // point)
    KeysRunner.Result r =
        new KeysRunner()
            .env("PCSCLITE_CSOCK_NAME", tmp.resolve("no-pcscd.comm").toString())
            .jvm("-Xlog:class+load:file=" + log)
            .keys("-d", trust.toString(), "list");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("example.com/a"), r.out());

    List<String> loaded = new ArrayList<>(classSources(log).keySet());
    assertTrue(
        loaded.contains("dev.trustkeys.cli.ListCommand"), "the log holds the listing's classes");
    List<String> unwanted = new ArrayList<>();
    for (String c : loaded) {
      boolean command =
          c.startsWith("dev.trustkeys.cli.")
              && c.endsWith("Command")
              && !c.equals("dev.trustkeys.cli.KeysCommand")
              && !c.equals("dev.trustkeys.cli.ListCommand");
      if (command || FORBIDDEN.stream().anyMatch(c::contains)) {
        unwanted.add(c);
      }
    }
    assertEquals(List.of(), unwanted, "keys list loaded classes it does not need");
  }

  /**
   * {@code keys sign} from a fresh process: its plain command line takes the signing commands' fast
   * path (no picocli model: cli.FastCommands), and every library class comes from the CDS archive.
   * The archive holds nothing of picocli (the JVM relocates all of it at every start, so every
   * megabyte costs the fast path): the same command line in a form the fast path leaves to picocli
   * ({@code -kID}) loads picocli from the jar, and still takes BouncyCastle and JNA from the
   * archive.
   */
  @Test
  void sign_takesTheFastPath_andItsLibrariesFromTheArchive() throws Exception {
    // only a build that skips the archive on purpose (-Dkeys.cds.skip=true, for quick test runs)
    // has none, or one older than its jar; CI's never does
    Assumptions.assumeFalse(
        Boolean.getBoolean("keys.cds.skip"), "built without the CDS archive (-Dkeys.cds.skip)");
    // the archive bin/keys gives sign and generate
    Path archive = KeysRunner.jar().resolveSibling("keys-sign.jsa");
    assertTrue(Files.isRegularFile(archive), "the build made no CDS archive " + archive);
    KeysRunner keys = new KeysRunner().fastKdf().env("NOTARY_ROOT_PASSPHRASE", "root-passphrase");
    Path trust = tmp.resolve("trust");
    KeysRunner.Result made = keys.keys("-d", trust.toString(), "generate", "--role", "root");
    assertEquals(0, made.exitCode(), made.toString());
    Matcher id = Pattern.compile("[0-9a-f]{64}").matcher(made.out());
    assertTrue(id.find(), made.out());
    Path message = Files.writeString(tmp.resolve("message"), "signed from a fresh process\n");

    Map<String, String> fast =
        signClasses(archive, "fast", trust, "sign", "--key", id.group(), message.toString());
    for (String model :
        List.of("picocli.CommandLine$Model$CommandReflection", "picocli.CommandLine$Interpreter")) {
      assertTrue(
          !fast.containsKey(model), "keys sign --key ID built picocli's model (" + model + ")");
    }
    assertLibrariesFromTheArchive(
        fast,
        archive,
        List.of("org.bouncycastle.asn1.ASN1Primitive", "com.sun.jna.Native"),
        "dev.trustkeys.",
        "picocli.",
        "org.bouncycastle.",
        "com.sun.jna.");

    Map<String, String> picocli =
        signClasses(archive, "picocli", trust, "sign", "-k" + id.group(), message.toString());
    assertTrue(
        picocli.containsKey("picocli.CommandLine$Interpreter"),
        "-kID no longer goes through picocli: choose another form the fast path leaves to it");
    assertFalse(
        picocli.get("picocli.CommandLine$Interpreter").startsWith("shared objects file"),
        "picocli is in the signing commands' archive again: it costs every keys sign its"
            + " relocation (docs/performance.md)");
    assertLibrariesFromTheArchive(
        picocli,
        archive,
        List.of("org.bouncycastle.asn1.ASN1Primitive", "com.sun.jna.Native"),
        "org.bouncycastle.",
        "com.sun.jna.");
  }

  /**
   * A command that talks to a Notary server, run through bin/keys: it starts with the network
   * archive (keys-net.jsa), which holds the HTTP client, TLS and the Notary client, so none of them
   * is loaded from the jar or the JDK's modules at run time. The server is one of the test's own
   * (HTTPS with a test CA, no repository: "repository not found").
   */
  @Test
  void aNetworkCommand_takesTheHttpClientAndTlsFromTheNetworkArchive() throws Exception {
    Assumptions.assumeFalse(
        Boolean.getBoolean("keys.cds.skip"), "built without the CDS archive (-Dkeys.cds.skip)");
    Path archive = KeysRunner.jar().resolveSibling("keys-net.jsa");
    assertTrue(Files.isRegularFile(archive), "the build made no network archive " + archive);
    dev.trustkeys.testing.TestCa ca = dev.trustkeys.testing.TestCa.create("StartupClassesIT CA");
    Path caFile = ca.writeCertificate(tmp.resolve("ca.pem"));
    com.sun.net.httpserver.HttpsServer server =
        com.sun.net.httpserver.HttpsServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new com.sun.net.httpserver.HttpsConfigurator(
            ca.serverContext(ca.server("127.0.0.1", "127.0.0.1"), false)));
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(
              exchange.getRequestURI().getPath().equals("/v2/") ? 200 : 404, -1);
          exchange.close();
        });
    server.start();
    BinKeys run;
    try {
      run =
          binKeys(
              "status",
              "-d",
              tmp.resolve("trust").toString(),
              "status",
              "example.com/startup/net",
              "--server",
              "https://127.0.0.1:" + server.getAddress().getPort(),
              "--tlscacert",
              caFile.toString());
    } finally {
      server.stop(0);
    }
    assertTrue(run.output.contains("example.com/startup/net"), run.output);
    assertTrue(run.code != 0, "no repository there: " + run.output);
    run.assertFromTheArchive(
        "dev.trustkeys.cli.Main",
        "jdk.internal.net.http.HttpClientImpl",
        "jdk.internal.net.http.Http1Exchange",
        "sun.security.ssl.SSLContextImpl",
        "sun.security.ssl.ClientHello",
        "dev.trustkeys.registry.HttpTransport");
  }

  /**
   * {@code keys list} through bin/keys starts with the listing's own archive (keys-list.jsa): all
   * its classes come from it, and it holds no more than the listing needs (a large archive costs
   * every start its relocation).
   */
  @Test
  void list_throughBinKeys_takesItsClassesFromTheListingArchive() throws Exception {
    Assumptions.assumeFalse(
        Boolean.getBoolean("keys.cds.skip"), "built without the CDS archive (-Dkeys.cds.skip)");
    Path archive = KeysRunner.jar().resolveSibling("keys-list.jsa");
    assertTrue(Files.isRegularFile(archive), "the build made no listing archive " + archive);
    assertTrue(
        // about 30% of keys.jsa (6.8 MB of 21.8): both hold the JDK's classes that start any JVM,
        // but the listing's training runs nothing but listings (no cryptography, no picocli
        // model), and keys.jsa also holds the JDK's default class list
        Files.size(archive) * 5 < Files.size(KeysRunner.jar().resolveSibling("keys.jsa")) * 2,
        "the listing archive holds more than the listing: " + Files.size(archive) + " bytes");
    KeysRunner keys = new KeysRunner().fastKdf().env("NOTARY_ROOT_PASSPHRASE", "root-passphrase");
    Path trust = tmp.resolve("trust");
    assertEquals(0, keys.keys("-d", trust.toString(), "generate", "--role", "root").exitCode());
    BinKeys run = binKeys("list", "-d", trust.toString(), "list");
    assertEquals(0, run.code, run.output);
    run.assertFromTheArchive(
        "dev.trustkeys.cli.Main",
        "dev.trustkeys.cli.FastPath",
        "dev.trustkeys.cli.ListCommand",
        "dev.trustkeys.backend.file.KeyFileScanner",
        "dev.trustkeys.cli.Table");
    // every class, the JDK's included: the training (CdsTraining list) runs the listing as bin/keys
    // does, and adds little else to an archive every listing maps
    assertEquals(
        List.of(),
        outsideTheArchive(run.source, ""),
        "keys list loaded classes outside its archive\n" + run.output);
    BinKeys json = binKeys("list-json", "-d", trust.toString(), "list", "--json");
    assertEquals(0, json.code, json.output);
    assertEquals(
        List.of(),
        outsideTheArchive(json.source, ""),
        "keys list --json loaded classes outside its archive\n" + json.output);
  }

  /** A run of bin/keys, with the classes it loaded (name to source). */
  private static final class BinKeys {
    final int code;
    final String output;
    final Map<String, String> source;

    BinKeys(int code, String output, Map<String, String> source) {
      this.code = code;
      this.output = output;
      this.source = source;
    }

    void assertFromTheArchive(String... classes) {
      List<String> outside = new ArrayList<>();
      for (String c : classes) {
        assertTrue(
            source.containsKey(c), c + " was not loaded: the test no longer sees it\n" + output);
        if (!source.get(c).startsWith("shared objects file")) {
          outside.add(c + " (" + source.get(c) + ")");
        }
      }
      assertEquals(List.of(), outside, "loaded outside the archive bin/keys chose\n" + output);
      // and none of keys' own: one class from the jar opens it (its central directory, its
      // manifest) on the command's path
      assertEquals(
          List.of(),
          outsideTheArchive(source, "dev.trustkeys."),
          "classes of keys loaded outside the archive bin/keys chose\n" + output);
    }
  }

  /**
   * Runs bin/keys ARGS (no terminal, HOME in the test's directory), logging the classes it loads.
   */
  private BinKeys binKeys(String name, String... args) throws Exception {
    Path log = tmp.resolve(name + "-bin-classes.log");
    List<String> command = new ArrayList<>();
    command.add(KeysRunner.jar().getParent().getParent().resolve("bin/keys").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("HOME", tmp.toString());
    pb.environment().put("PCSCLITE_CSOCK_NAME", tmp.resolve("no-pcscd.comm").toString());
    pb.environment().put("KEYS_JAVA_OPTS", "-Xlog:class+load:file=" + log);
    Process p = pb.start();
    String output =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    int code = p.waitFor();
    return new BinKeys(code, output, classSources(log));
  }

  /**
   * The classes among {@code source} whose names start with a prefix, not loaded from an archive.
   */
  private static List<String> outsideTheArchive(Map<String, String> source, String... prefixes) {
    List<String> outside = new ArrayList<>();
    for (Map.Entry<String, String> e : source.entrySet()) {
      for (String prefix : prefixes) {
        if (e.getKey().startsWith(prefix) && !e.getValue().startsWith("shared objects file")) {
          outside.add(e.getKey() + " (" + e.getValue() + ")");
        }
      }
    }
    return outside;
  }

  /** The classes a JVM's {@code -Xlog:class+load} file names, in load order, to their source. */
  private static Map<String, String> classSources(Path log) throws java.io.IOException {
    Map<String, String> source = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("\\[class,load\\] (\\S+) source: (.*)").matcher(Files.readString(log));
    while (m.find()) {
      source.put(m.group(1), m.group(2));
    }
    return source;
  }

  /** The classes {@code keys ARGS} loaded (name to source), run as bin/keys runs it. */
  private Map<String, String> signClasses(Path archive, String name, Path trust, String... args)
      throws Exception {
    Path log = tmp.resolve(name + "-classes.log");
    List<String> line = new ArrayList<>(List.of("-d", trust.toString()));
    line.addAll(List.of(args));
    // the JVM options of bin/keys for every command but a listing, with the archive the build made
    KeysRunner.Result r =
        new KeysRunner()
            .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase")
            .jvm("-XX:-UsePerfData")
            .jvm("-Xshare:auto")
            .jvm("-XX:SharedArchiveFile=" + archive)
            .jvm("-Xlog:class+load:file=" + log)
            .keys(line.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        r.out().trim().matches("[A-Za-z0-9+/]{86}=="), "a P-256 signature in base64: " + r.out());
    Map<String, String> source = classSources(log);
    assertTrue(
        source.getOrDefault("dev.trustkeys.cli.Main", "").startsWith("shared objects file"),
        "keys ran without its CDS archive ("
            + archive
            + "): "
            + source.get("dev.trustkeys.cli.Main"));
    return source;
  }

  /**
   * {@code expected} were loaded, classes of the {@code fromArchive} packages only from the
   * archive, and nothing of {@code java.sql} (picocli's converters) nor a process.
   */
  private static void assertLibrariesFromTheArchive(
      Map<String, String> source, Path archive, List<String> expected, String... fromArchive) {
    for (String library : expected) {
      assertTrue(
          source.containsKey(library),
          library + " was not loaded: the test no longer sees the libraries");
    }
    List<String> unwanted = new ArrayList<>();
    for (String c : source.keySet()) {
      if (c.startsWith("java.sql.") || c.equals("java.lang.ProcessImpl")) {
        unwanted.add(c);
      }
    }
    assertEquals(
        List.of(),
        outsideTheArchive(source, fromArchive),
        "keys sign loaded classes of keys or its libraries outside the CDS archive " + archive);
    assertEquals(
        List.of(),
        unwanted,
        "keys sign loaded java.sql (picocli's converters) or started a process");
  }
}
