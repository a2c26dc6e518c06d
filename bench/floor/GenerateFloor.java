import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor for `keys generate --role ROLE --gun GUN` on a JVM (bench/parts/floors.sh): the least a
 * Java program can do to make a key like it. A P-256 key pair from SunEC; Notary's key ID (SHA-256
 * of the canonical JSON of the public key); the private key's PKCS#8 encrypted with PBES2 at
 * 600,000 iterations (PBKDF2WithHmacSHA1, AES-256-CBC) with the passphrase from
 * NOTARY_<ROLE>_PASSPHRASE; Notary's file format (a PEM block with role and gun headers) written
 * atomically to TRUST_DIR/private/ID.key (temporary file, fsync, rename, directory fsync); one line
 * printed. No checks, no locking, no other key types, no error messages. Run with bin/keys's JVM
 * flags and its own class-data-sharing archive. Not part of keys; JDK only.
 *
 * <p>Usage: {@code java GenerateFloor TRUST_DIR ROLE GUN}
 */
public final class GenerateFloor {
  private GenerateFloor() {}

  private static final int ITERATIONS = 600_000;
  private static final byte[] OID_PBES2 = {6, 9, 42, -122, 72, -122, -9, 13, 1, 5, 13};
  private static final byte[] OID_PBKDF2 = {6, 9, 42, -122, 72, -122, -9, 13, 1, 5, 12};
  private static final byte[] OID_AES256_CBC = {6, 9, 96, -122, 72, 1, 101, 3, 4, 1, 42};

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0], "private");
    String role = args[1];
    String gun = args[2];
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = gen.generateKeyPair();
    String spki = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    String json =
        "{\"keytype\":\"ecdsa\",\"keyval\":{\"private\":null,\"public\":\"" + spki + "\"}}";
    String id =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));

    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[8]; // as Notary and keys write them
    byte[] iv = new byte[16];
    random.nextBytes(salt);
    random.nextBytes(iv);
    char[] passphrase = System.getenv("NOTARY_" + role.toUpperCase() + "_PASSPHRASE").toCharArray();
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, ITERATIONS, 256);
    byte[] aesKey =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec).getEncoded();
    spec.clearPassword();
    Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    byte[] data = aes.doFinal(pkcs8);
    Arrays.fill(aesKey, (byte) 0);
    Arrays.fill(pkcs8, (byte) 0);

    byte[] kdfParams = seq(tlv(4, salt), tlv(2, new byte[] {9, 39, -64})); // 600,000 = 0x0927C0
    byte[] scheme = seq(OID_AES256_CBC, tlv(4, iv));
    byte[] algorithm = seq(OID_PBES2, seq(seq(OID_PBKDF2, kdfParams), scheme));
    byte[] der = seq(algorithm, tlv(4, data));
    StringBuilder pem = new StringBuilder("-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
    pem.append("gun: ").append(gun).append("\nrole: ").append(role).append("\n\n");
    String b64 = Base64.getEncoder().encodeToString(der);
    for (int i = 0; i < b64.length(); i += 64) {
      pem.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    pem.append("-----END ENCRYPTED PRIVATE KEY-----\n");

    Files.createDirectories(dir);
    Path tmp =
        Files.createTempFile(
            dir,
            "." + id,
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(pem.toString().getBytes(StandardCharsets.US_ASCII)));
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(id + ".key"), StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
    byte[] line =
        ("Generated new ecdsa " + role + " key with keyID: " + id + "\n")
            .getBytes(StandardCharsets.UTF_8);
    try (FileOutputStream out = new FileOutputStream(FileDescriptor.out)) {
      out.write(line);
    }
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 4);
    out.write(tag);
    if (value.length < 0x80) {
      out.write(value.length);
    } else if (value.length < 0x100) {
      out.write(0x81);
      out.write(value.length);
    } else {
      out.write(0x82);
      out.write(value.length >> 8);
      out.write(value.length);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] seq(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return tlv(0x30, out.toByteArray());
  }
}
