package dev.trustkeys.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.cli.Main;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.secret.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of hostile archives: each is refused by {@code keys restore} with exit code 7 and one
 * line, and nothing is written anywhere (the whole temporary tree, trust directory included, is
 * byte-for-byte unchanged, and a trust directory that did not exist is not created).
 */
class HostileArchiveTest {
  @TempDir Path tmp;
  private Path trust;
  private static String keyPem;
  private static String keyId;

  @FunctionalInterface
  interface Builder {
    void build(Path archive, Path work) throws Exception;
  }

  @BeforeEach
  void setUp() throws Exception {
    trust = tmp.resolve("trust");
    KeyInfo k =
        TestKeys.store(trust)
            .generate(
                dev.trustkeys.core.KeySpec.of(
                    dev.trustkeys.core.Role.ROOT, "", dev.trustkeys.core.Algorithm.ECDSA_P256));
    keyId = k.id().hex();
    keyPem = Files.readString(trust.resolve("private/" + keyId + ".key"));
    Files.createDirectories(tmp.resolve("archives"));
    Files.createDirectories(tmp.resolve("work"));
  }

  private static String otherId() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return java.util.HexFormat.of().formatHex(b);
  }

  private static Builder raw(java.util.function.Consumer<RawTar> f) {
    return (archive, work) -> {
      RawTar t = new RawTar();
      f.accept(t);
      t.writeGz(archive);
    };
  }

  private static Builder tar(String setup, String tarArgs) {
    return (archive, work) -> {
      Path src = work.resolve("src/private");
      Files.createDirectories(src);
      Files.writeString(src.resolve(keyId + ".key"), keyPem);
      TestKeys.run(work, "sh", "-c", setup.replace("KEY", keyId).replace("OTHER", otherId()));
      TestKeys.run(work, "sh", "-c", "tar " + tarArgs.replace("ARCHIVE", archive.toString()));
    };
  }

  static Stream<Arguments> corpus() {
    String manifest =
        "{\"format\":\"keys-backup\",\"version\":1,\"tool\":\"x\",\"created\":\"2025-01-01T00:00:00Z\","
            + "\"withMetadata\":false,\"files\":[],\"hardwareKeys\":[]}";
    return Stream.of(
        Arguments.of(
            "absolute path",
            raw(t -> t.file("/tmp/private/" + keyId + ".key", keyPem)),
            "absolute path"),
        Arguments.of(
            "absolute path from tar -P",
            tar("true", "-P -zcf ARCHIVE --transform=s,^,/x/, -C src private"),
            "absolute path"),
        Arguments.of(
            "dot-dot inside",
            raw(t -> t.file("private/../../../tmp/" + keyId + ".key", keyPem)),
            "'..'"),
        Arguments.of(
            "dot-dot first", raw(t -> t.file("../private/" + keyId + ".key", keyPem)), "'..'"),
        Arguments.of(
            "symbolic link",
            tar("ln -s /etc/hostname src/private/OTHER.key", "-zcf ARCHIVE -C src private"),
            "symbolic link"),
        Arguments.of(
            "hard link",
            tar("ln src/private/KEY.key src/private/OTHER.key", "-zcf ARCHIVE -C src private"),
            "hard link"),
        Arguments.of(
            "FIFO", tar("mkfifo src/private/OTHER.key", "-zcf ARCHIVE -C src private"), "FIFO"),
        Arguments.of(
            "character device",
            raw(t -> t.entry("private/" + otherId() + ".key", '3', new byte[0])),
            "character device"),
        Arguments.of(
            "block device",
            raw(t -> t.entry("private/" + otherId() + ".key", '4', new byte[0])),
            "block device"),
        Arguments.of(
            "entry outside private/",
            raw(
                t ->
                    t.file("private/" + keyId + ".key", keyPem)
                        .file("etc/cron.d/x", "* * * * * root sh")),
            "outside private/"),
        Arguments.of(
            "file at the top", raw(t -> t.file("evil.sh", "rm -rf ~")), "outside private/"),
        Arguments.of(
            "sibling of the trust directory",
            raw(t -> t.file("a/trust/private/" + keyId + ".key", keyPem).file("a/.bashrc", "x")),
            "outside private/"),
        Arguments.of(
            "not in the manifest",
            raw(
                t ->
                    t.file(BackupManifest.NAME, manifest)
                        .file("private/" + keyId + ".key", keyPem)),
            "not listed in the manifest"),
        Arguments.of(
            "duplicate name",
            raw(
                t ->
                    t.file("private/" + keyId + ".key", keyPem)
                        .file("private/" + keyId + ".key", keyPem)),
            "same name"),
        Arguments.of(
            "duplicate name spelt differently",
            raw(
                t ->
                    t.file("private/" + keyId + ".key", keyPem)
                        .file("./private/" + keyId + ".key", keyPem)),
            "same name"),
        Arguments.of(
            "key entry over the size cap",
            raw(t -> t.file("private/" + keyId + ".key", keyPem + "x".repeat(70_000))),
            "too large"),
        Arguments.of(
            "metadata entry claiming 10 GiB",
            raw(t -> t.entry("tuf/g/metadata/root.json", '0', new byte[0], "", 10L << 30)),
            "too large"),
        Arguments.of(
            "text where a key goes",
            raw(t -> t.file("private/" + keyId + ".key", "hello")),
            "not a key"),
        Arguments.of(
            "public key where a key goes",
            raw(
                t ->
                    t.file(
                        "private/" + keyId + ".key",
                        "-----BEGIN PUBLIC KEY-----\nrole: root\n\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n")),
            "not a key"),
        Arguments.of(
            "key without a role header",
            raw(t -> t.file("private/" + keyId + ".key", keyPem.replace("role: root\n", ""))),
            "no 'role' header"),
        Arguments.of(
            "key under a name that is not a key ID",
            raw(t -> t.file("private/notes.txt", keyPem)),
            "not a key"),
        Arguments.of(
            "hidden temporary file",
            raw(t -> t.file("private/." + keyId + ".key.keys-tmp-0a0b", keyPem)),
            "a name keys does not create"),
        Arguments.of(
            "hidden metadata directory",
            raw(
                t ->
                    t.file("private/" + keyId + ".key", keyPem)
                        .file("tuf/.g/metadata/root.json", "{}")),
            "a name keys does not create"),
        Arguments.of(
            "manifest with an 800,000-digit version",
            raw(
                t ->
                    t.file(
                            BackupManifest.NAME,
                            manifest.replace("\"version\":1", "\"version\":" + "9".repeat(800_000)))
                        .file("private/" + keyId + ".key", keyPem)),
            "longer than 64 characters"),
        Arguments.of(
            "a 9-byte text file",
            (Builder) (a, w) -> Files.writeString(a, "hello you"),
            "not a keys backup"),
        Arguments.of(
            "a longer text file",
            (Builder) (a, w) -> Files.writeString(a, "notes\n".repeat(200)),
            "not a keys backup"),
        Arguments.of(
            "not an archive",
            (Builder) (a, w) -> Files.write(a, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}),
            "not a keys backup"),
        Arguments.of(
            "truncated gzip",
            (Builder)
                (a, w) -> {
                  new RawTar().file("private/" + keyId + ".key", keyPem).writeGz(a);
                  byte[] b = Files.readAllBytes(a);
                  Files.write(a, Arrays.copyOf(b, b.length / 2));
                },
            "not a readable"),
        Arguments.of(
            "wrong header checksum",
            (Builder)
                (a, w) -> {
                  byte[] b = new RawTar().file("private/" + keyId + ".key", keyPem).bytes();
                  b[150] ^= 1;
                  Files.write(a, b);
                },
            "checksum"),
        Arguments.of(
            "global pax header",
            raw(t -> t.pax('g', "path", "x").file("private/" + keyId + ".key", keyPem)),
            "global pax"),
        Arguments.of(
            "pax path with dot-dot",
            raw(
                t ->
                    t.pax('x', "path", "private/../../../evil.key")
                        .file("private/" + keyId + ".key", keyPem)),
            "'..'"),
        Arguments.of(
            "GNU long name with dot-dot",
            raw(
                t ->
                    t.entry(
                            "././@LongLink",
                            'L',
                            ("private/" + "../".repeat(40) + "tmp/evil.key\0")
                                .getBytes(StandardCharsets.UTF_8))
                        .file("x", keyPem)),
            "'..'"),
        Arguments.of(
            "GNU sparse file",
            raw(
                t ->
                    t.entry(
                        "private/" + keyId + ".key", 'S', keyPem.getBytes(StandardCharsets.UTF_8))),
            "sparse"),
        Arguments.of(
            "control character in a name",
            raw(t -> t.file("private/\u001b[2J" + keyId + ".key", keyPem)),
            "control character"),
        Arguments.of("empty archive", (Builder) (a, w) -> Files.write(a, new byte[1024]), "empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void restore_refusesHostileArchive_writingNothingAnywhere(
      String name, Builder builder, String reason) throws Exception {
    Path archive = tmp.resolve("archives/a.tar.gz");
    builder.build(archive, tmp.resolve("work"));
    Map<String, String> before = Trees.snapshot(tmp);
    for (Path target : List.of(trust, tmp.resolve("fresh"))) {
      StringWriter err = new StringWriter();
      int code = run(err, "-d", target.toString(), "restore", archive.toString());
      String e = err.toString();
      assertEquals(7, code, name + ": " + e);
      assertTrue(e.startsWith("keys: refused "), e);
      assertEquals(1, e.lines().count(), e);
      assertTrue(e.length() < 500, name + ": a bounded line: " + e.length() + " characters");
      assertTrue(e.contains(reason), name + ": expected '" + reason + "' in: " + e);
      assertTrue(e.trim().endsWith("nothing was written"), e);
      assertEquals(before, Trees.snapshot(tmp), name + ": something was written");
      assertFalse(Files.exists(tmp.resolve("fresh")));
    }
    StringWriter err = new StringWriter();
    assertEquals(
        7,
        run(err, "-d", trust.toString(), "restore", "--dry-run", archive.toString()),
        err.toString());
    assertEquals(before, Trees.snapshot(tmp));
  }

  @Test
  void corpusBuilder_makesValidArchivesToo_soRefusalsAreAboutTheHostilePart() throws Exception {
    Path archive = tmp.resolve("archives/ok.tar.gz");
    new RawTar()
        .file("./private/" + keyId + ".key", keyPem)
        .pax('x', "path", "tuf/g/metadata/" + "long".repeat(40) + ".json")
        .file("x", "{}")
        .writeGz(archive);
    StringWriter err = new StringWriter();
    assertEquals(
        0,
        run(err, "-d", tmp.resolve("fresh").toString(), "restore", archive.toString()),
        err.toString());
    assertEquals(keyPem, Files.readString(tmp.resolve("fresh/private/" + keyId + ".key")));
    assertTrue(Files.exists(tmp.resolve("fresh/tuf/g/metadata/" + "long".repeat(40) + ".json")));
  }

  @Test
  void tarPFixture_reallyHoldsAbsoluteNames() throws Exception {
    Path archive = tmp.resolve("archives/abs.tar.gz");
    tar("true", "-P -zcf ARCHIVE --transform=s,^,/x/, -C src private")
        .build(archive, tmp.resolve("work"));
    Process p = new ProcessBuilder("tar", "-tzPf", archive.toString()).start();
    String names = new String(p.getInputStream().readAllBytes());
    assertTrue(names.lines().allMatch(l -> l.startsWith("/x/private")), names);
  }

  private static int run(StringWriter err, String... args) throws IOException {
    Terminal none = dev.trustkeys.core.secret.Terminal.none();
    return Main.run(
        args, new PrintWriter(new StringWriter()), new PrintWriter(err, true), Map.of(), none);
  }
}
