package dev.trustkeys.backend.file;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trustkeys.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Fuzzes the key-file readers: PEM text, and PKCS#8 / SEC1 / PKCS#1 / Notary Ed25519 / encrypted
 * PKCS#8 DER, as {@code keys} reads them from {@code private/} and from {@code keys import}. The
 * only acceptable failures are the readers' own checked exceptions; anything else (a
 * RuntimeException, an Error, a hang) is a finding. CI fuzzes for 20 s ({@code JAZZER_FUZZ=1}, see
 * the pom); {@code bench/fuzz} runs it for as long as asked.
 */
class KeyFileFuzzTest {
  private static final char[] PASSPHRASE = "fuzz-passphrase".toCharArray();

  @FuzzTest(maxDuration = "20s")
  void keyReaders_throwOnlyTheirOwnExceptions(byte[] data) throws Exception {
    fuzzerTestOneInput(data);
  }

  /**
   * The entry point of the stand-alone fuzzer ({@code com.code_intelligence.jazzer.Jazzer
   * --target_class}).
   */
  public static void fuzzerTestOneInput(byte[] data) throws Exception {
    if (data.length == 0) {
      return;
    }
    byte[] rest = Arrays.copyOfRange(data, 1, data.length);
    try (Secret pass = Secret.copyOf(PASSPHRASE, Secret.Origin.PROGRAM)) {
      switch (data[0] & 7) {
        case 0 -> readPem(new String(rest, StandardCharsets.UTF_8), pass);
        case 1 -> KeyCodec.fromPkcs8(rest).destroy();
        case 2 -> KeyCodec.fromSec1(rest).destroy();
        case 3 -> KeyCodec.fromPkcs1(rest).destroy();
        case 4 -> KeyCodec.fromNotaryEd25519(rest).destroy();
        case 5 -> KeyEncryption.decrypt(rest, pass);
        case 6 -> readPem(wrap("ENCRYPTED PRIVATE KEY", "role: root\ngun: \n", rest), pass);
        default ->
            readPem(
                wrap(
                    "EC PRIVATE KEY",
                    "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,"
                        + "00112233445566778899aabbccddeeff\n",
                    rest),
                pass);
      }
    } catch (PemBlock.PemException
        | KeyEncryption.BadPassphraseException
        | KeyCodec.InvalidKeyDataException e) {
      // the readers' documented refusals
    }
  }

  private static void readPem(String text, Secret pass) throws Exception {
    for (PemBlock b : PemBlock.parseAll(text)) {
      b.encode();
      if (KeyFile.isPrivateKeyBlock(b)) {
        try {
          KeyFile.decrypt(b, KeyFile.needsPassphrase(b) ? pass : null).destroy();
        } catch (KeyEncryption.BadPassphraseException | KeyCodec.InvalidKeyDataException e) {
          // refused: next block
        }
      }
    }
  }

  private static String wrap(String type, String headers, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + headers
        + "\n"
        + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
