package dev.trustkeys.simulator.piv;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * Persists a {@link CardState} like the card's flash: a properties file written atomically (temp
 * file + rename) with mode 0600. It holds the PIN, PUK, management key and private keys in clear,
 * as the device does: protect it.
 */
public final class CardStateFile {
  private static final HexFormat HEX = HexFormat.of();
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private CardStateFile() {}

  /**
   * Loads the state, or creates a factory-fresh card with {@code serial} and saves it when the file
   * is absent.
   */
  public static CardState loadOrCreate(Path file, int serial) throws IOException {
    if (Files.exists(file)) {
      return load(file);
    }
    CardState s = CardState.factoryNew(serial);
    save(s, file);
    return s;
  }

  public static synchronized void save(CardState s, Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("format", "keys-virtual-yubikey-4/1");
    p.setProperty("serial", Integer.toString(s.serial));
    putRef(p, "pin", s.pin);
    putRef(p, "puk", s.puk);
    p.setProperty("mgmt.key", HEX.formatHex(s.managementKey));
    p.setProperty("mgmt.touch", Boolean.toString(s.managementKeyRequiresTouch));
    p.setProperty("root.key", B64.encodeToString(s.authority.rootKey().getEncoded()));
    p.setProperty("root.cert", B64.encodeToString(s.authority.rootCertificateDer()));
    for (Map.Entry<Slot, SlotKey> e : s.keys.entrySet()) {
      String k = "key." + e.getKey().hex() + ".";
      SlotKey sk = e.getValue();
      p.setProperty(k + "type", sk.type.name());
      p.setProperty(k + "pin", sk.pinPolicy.name());
      p.setProperty(k + "touch", sk.touchPolicy.name());
      p.setProperty(k + "generated", Boolean.toString(sk.generated));
      p.setProperty(k + "private", B64.encodeToString(sk.privateKey().getEncoded()));
      p.setProperty(k + "public", B64.encodeToString(sk.publicKey().getEncoded()));
    }
    for (Map.Entry<Integer, byte[]> e : s.objects.entrySet()) {
      p.setProperty("obj." + Integer.toHexString(e.getKey()), B64.encodeToString(e.getValue()));
    }
    StringWriter w = new StringWriter();
    p.store(w, "virtual YubiKey 4 state (secrets in clear, keep 0600)");
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp =
        Files.createTempFile(
            dir,
            file.getFileName().toString(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, w.toString(), StandardCharsets.ISO_8859_1);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static CardState load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      p.load(r);
    }
    try {
      CardState s = new CardState(Integer.parseInt(req(p, "serial")));
      s.pin = getRef(p, "pin");
      s.puk = getRef(p, "puk");
      s.managementKey = HEX.parseHex(req(p, "mgmt.key"));
      s.managementKeyRequiresTouch = Boolean.parseBoolean(p.getProperty("mgmt.touch"));
      PrivateKey rootKey =
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(B64D.decode(req(p, "root.key"))));
      s.authority = new AttestationAuthority(rootKey, B64D.decode(req(p, "root.cert")), null, null);
      for (Slot slot : Slot.values()) {
        String k = "key." + slot.hex() + ".";
        if (p.getProperty(k + "type") == null) {
          continue;
        }
        KeyType type = KeyType.valueOf(req(p, k + "type"));
        KeyFactory kf = KeyFactory.getInstance(type.isEc() ? "EC" : "RSA");
        PublicKey pub =
            kf.generatePublic(new X509EncodedKeySpec(B64D.decode(req(p, k + "public"))));
        PrivateKey priv =
            kf.generatePrivate(new PKCS8EncodedKeySpec(B64D.decode(req(p, k + "private"))));
        s.keys.put(
            slot,
            new SlotKey(
                type,
                new KeyPair(pub, priv),
                PinPolicy.valueOf(req(p, k + "pin")),
                TouchPolicy.valueOf(req(p, k + "touch")),
                Boolean.parseBoolean(req(p, k + "generated"))));
      }
      for (String name : p.stringPropertyNames()) {
        if (name.startsWith("obj.")) {
          s.objects.put(Integer.parseInt(name.substring(4), 16), B64D.decode(p.getProperty(name)));
        }
      }
      return s;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(
          "corrupt virtual YubiKey state file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String req(Properties p, String key) throws IOException {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IOException("state file lacks '" + key + "'");
    }
    return v;
  }

  private static void putRef(Properties p, String name, Reference r) {
    p.setProperty(name + ".value", HEX.formatHex(r.value()));
    p.setProperty(name + ".tries", Integer.toString(r.tries()));
    p.setProperty(name + ".max", Integer.toString(r.maxTries()));
  }

  private static Reference getRef(Properties p, String name) throws IOException {
    return new Reference(
        HEX.parseHex(req(p, name + ".value")),
        Integer.parseInt(req(p, name + ".tries")),
        Integer.parseInt(req(p, name + ".max")));
  }
}
