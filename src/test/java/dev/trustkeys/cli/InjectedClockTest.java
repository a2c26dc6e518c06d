package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustkeys.core.io.AtomicWrite.Checkpoint;
import dev.trustkeys.core.secret.Terminal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands read the time from the one clock the composition root is given, never from the system's.
 */
class InjectedClockTest {
  @TempDir Path tmp;

  private static final Instant THEN = Instant.parse("2031-02-03T04:05:06Z");

  private String keys(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            args,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of("NOTARY_ROOT_PASSPHRASE", "root-passphrase-1"),
            Terminal.none(),
            new Wiring(10_000, Checkpoint.NONE, Clock.fixed(THEN, ZoneOffset.UTC)));
    assertEquals(0, code, err.toString());
    return out.toString();
  }

  @Test
  void aRootCertificate_isMadeAtTheInjectedTime() throws Exception {
    String trust = tmp.resolve("trust").toString();
    Matcher id =
        Pattern.compile("keyID: ([0-9a-f]{64})")
            .matcher(keys("-d", trust, "generate", "--role", "root"));
    id.find();
    Path pem = tmp.resolve("root.crt");
    keys(
        "-d",
        trust,
        "ceremony",
        "certificate",
        "example.com/app",
        "--key",
        id.group(1),
        "-o",
        pem.toString());
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    assertEquals(THEN, cert.getNotBefore().toInstant());
  }
}
