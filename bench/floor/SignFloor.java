import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor for `keys sign --key ID FILE` with a file key on a JVM (bench/parts/floors.sh): the
 * least a Java program can do to sign like it. It reads TRUST_DIR/private/ID.key (Notary's format:
 * a PEM block with role/gun headers around a PKCS#8 EncryptedPrivateKeyInfo, PBES2 =
 * PBKDF2WithHmacSHA1 + AES-256-CBC), takes the passphrase from NOTARY_TARGETS_PASSPHRASE, decrypts
 * with the JDK's providers, signs the file's bytes with SunEC (ECDSA P-256, SHA-256, raw r||s as
 * TUF has it) and prints the signature in base64. No checks, no other key types, no error messages:
 * nothing of what keys must do beyond the work itself. Run with bin/keys's JVM flags and its own
 * class-data-sharing archive. Not part of keys; JDK only.
 *
 * <p>Usage: {@code java SignFloor TRUST_DIR KEY_ID FILE}
 */
public final class SignFloor {
  private SignFloor() {}

  public static void main(String[] args) throws Exception {
    String pem =
        Files.readString(Path.of(args[0], "private", args[1] + ".key"), StandardCharsets.US_ASCII);
    int body = pem.indexOf("\n\n") + 2; // after the headers
    String b64 = pem.substring(body, pem.indexOf("-----END")).replace("\n", "");
    byte[] der = Base64.getDecoder().decode(b64);
    // EncryptedPrivateKeyInfo { { PBES2, { { PBKDF2, { salt, iterations } }, { aes256-CBC, iv } }
    // }, data }
    Der d = new Der(der);
    d.enter(); // EncryptedPrivateKeyInfo
    d.enter(); // AlgorithmIdentifier
    d.skip(); // PBES2 OID
    d.enter(); // PBES2-params
    d.enter(); // keyDerivationFunc
    d.skip(); // PBKDF2 OID
    d.enter(); // PBKDF2-params
    byte[] salt = d.value();
    int iterations = new java.math.BigInteger(d.value()).intValueExact();
    d.enter(); // encryptionScheme (the salt/iterations sequence ended: the next element is the
    // scheme)
    d.skip(); // AES-256-CBC OID
    byte[] iv = d.value();
    byte[] data = d.value();

    char[] passphrase = System.getenv("NOTARY_TARGETS_PASSPHRASE").toCharArray();
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
    byte[] aesKey =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec).getEncoded();
    spec.clearPassword();
    Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
    aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
    byte[] pkcs8 = aes.doFinal(data);
    Arrays.fill(aesKey, (byte) 0);
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    Arrays.fill(pkcs8, (byte) 0);

    Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
    ecdsa.initSign(key);
    ecdsa.update(Files.readAllBytes(Path.of(args[2])));
    byte[] line =
        (Base64.getEncoder().encodeToString(ecdsa.sign()) + "\n")
            .getBytes(StandardCharsets.US_ASCII);
    try (FileOutputStream out = new FileOutputStream(FileDescriptor.out)) {
      out.write(line);
    }
  }

  /** Just enough DER to walk one EncryptedPrivateKeyInfo: definite lengths, no validation. */
  private static final class Der {
    private final byte[] b;
    private int i;

    Der(byte[] b) {
      this.b = b;
    }

    private int length() {
      int first = b[i++] & 0xff;
      if (first < 0x80) {
        return first;
      }
      int n = 0;
      for (int k = 0; k < (first & 0x7f); k++) {
        n = (n << 8) | (b[i++] & 0xff);
      }
      return n;
    }

    /** Into a constructed element (its contents come next). */
    void enter() {
      i++;
      length();
    }

    /** Past a primitive element. */
    void skip() {
      i++;
      int n = length();
      i += n;
    }

    /** A primitive element's contents. */
    byte[] value() {
      i++;
      int n = length();
      byte[] v = Arrays.copyOfRange(b, i, i + n);
      i += n;
      return v;
    }
  }
}
