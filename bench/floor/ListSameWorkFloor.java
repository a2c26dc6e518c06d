import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The floor for `keys list` as issue 19 defines floors (bench/parts/list.sh): a JDK-only program
 * that does the work `keys list` does over the flat layout of a trust directory's private/, and
 * prints the same bytes, which the benchmark checks with diff before it times anything. For every
 * name: skip keys' temporary files; take only {@code <64 hex>.key}; refuse anything that is not a
 * regular file with one stat before the open (a FIFO would block the open); read the whole file, at
 * most 64 KiB; parse the PEM blocks as Go does and take the first private-key block; decode its
 * base64; require a role header that names a role (base role, clean delegation path, or a signer's
 * name); take the GUN for the roles that have one; tell the algorithm from the PEM type or, for an
 * encrypted PKCS#8 key, from the length of its ciphertext (the DER framing). Then Notary's order
 * (root first, then GUN, role, key ID), and the aligned table with control characters replaced.
 * Files it cannot read are reported on stderr (keys words them its own way, and also lists them).
 *
 * <p>What keys does besides, and this floor does not: probe for a YubiKey and for recorded PKCS#11
 * tokens, read the Notary 0.1-0.3 layouts, read with two or more threads from 200 names up, JSON
 * and filters. Not part of keys; JDK only; one pass, no classes of its own beyond this one.
 */
public final class ListSameWorkFloor {
  private static final int MAX_KEY_FILE = 64 * 1024;
  private static final String SPACES = " ".repeat(64);

  private ListSameWorkFloor() {}

  /** One listed key: role, GUN, key ID, algorithm. */
  private static final class Key {
    final String role;
    final String gun;
    final String id;
    final String algorithm;

    Key(String role, String gun, String id, String algorithm) {
      this.role = role;
      this.gun = gun;
      this.id = id;
      this.algorithm = algorithm;
    }
  }

  /** Notary's order. A class, not a lambda (nothing spun at start-up, as in keys). */
  private static final class NotaryOrder implements Comparator<Key> {
    @Override
    public int compare(Key a, Key b) {
      boolean ra = a.role.equals("root");
      boolean rb = b.role.equals("root");
      if (ra != rb) {
        return ra ? -1 : 1;
      }
      int c = a.gun.compareTo(b.gun);
      if (c == 0) {
        c = a.role.compareTo(b.role);
      }
      return c != 0 ? c : a.id.compareTo(b.id);
    }
  }

  public static void main(String[] args) throws IOException {
    String dir = new File(args[0], "private").getAbsolutePath(); // as keys shows it
    String[] names = new File(dir).list();
    if (names == null) {
      throw new IOException("cannot list " + dir);
    }
    byte[] buf = new byte[MAX_KEY_FILE + 1];
    byte[] b64 = new byte[MAX_KEY_FILE + 1];
    List<Key> keys = new ArrayList<>(names.length);
    String prefix = dir + "/";
    for (String name : names) {
      if (name.startsWith(".") && name.contains(".keys-tmp-")) {
        continue;
      }
      String file = prefix + name;
      String why;
      if (!name.endsWith(".key") || !isKeyId(name, name.length() - 4)) {
        why = "not a key file: its name is not <key ID>.key";
      } else {
        File f = new File(file);
        if (!f.isFile()) {
          why = f.isDirectory() ? "unexpected directory" : "not a regular file";
        } else {
          int len = 0;
          try (FileInputStream in = new FileInputStream(f)) {
            len = in.readNBytes(buf, 0, buf.length);
          }
          why = len > MAX_KEY_FILE ? "too large for a key file" : null;
          if (why == null) {
            Object k = key(buf, len, name.substring(0, 64), b64);
            if (k instanceof Key) {
              keys.add((Key) k);
            } else {
              why = (String) k;
            }
          }
        }
      }
      if (why != null) {
        System.err.println("unreadable: " + printable(file) + ": " + why);
      }
    }
    keys.sort(new NotaryOrder());
    String location = printable(dir);
    String[][] rows = new String[keys.size()][];
    for (int i = 0; i < rows.length; i++) {
      Key k = keys.get(i);
      rows[i] = new String[] {k.role, printable(k.gun), k.id, k.algorithm, location};
    }
    String[] header = {"ROLE", "GUN", "KEY ID", "ALGORITHM", "LOCATION"};
    int[] w = new int[header.length];
    for (int c = 0; c < w.length; c++) {
      w[c] = header[c].length();
      for (String[] r : rows) {
        w[c] = Math.max(w[c], r[c].length());
      }
    }
    StringBuilder out = new StringBuilder((rows.length + 2) * 200);
    line(out, header, w);
    String[] rule = new String[header.length];
    for (int c = 0; c < rule.length; c++) {
      rule[c] = "-".repeat(header[c].length());
    }
    line(out, rule, w);
    for (String[] r : rows) {
      line(out, r, w);
    }
    PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
    stdout.print(out);
    stdout.flush();
  }

  /**
   * A Key, or why the file is not one. By index over the bytes: Strings only for the type and the
   * two headers it needs, the base64 gathered into {@code b64} and decoded from there.
   */
  private static Object key(byte[] b, int len, String id, byte[] b64) {
    int pos = 0;
    while (pos < len) { // Go's pem.Decode: the first private-key block, text around it skipped
      int eol = eol(b, pos, len);
      int s = trimStart(b, pos, eol);
      int e = trimEnd(b, s, eol);
      pos = eol + 1;
      if (!(e - s > 16 && starts(b, s, BEGIN) && starts(b, e - 5, DASHES))) {
        continue;
      }
      int typeStart = s + BEGIN.length;
      int typeEnd = e - 5;
      String role = null;
      String gun = "";
      boolean headers = true;
      boolean ended = false;
      int n = 0;
      while (pos < len) {
        eol = eol(b, pos, len);
        s = trimStart(b, pos, eol);
        e = trimEnd(b, s, eol);
        pos = eol + 1;
        if (isEnd(b, s, e, typeStart, typeEnd)) {
          ended = true;
          break;
        }
        if (headers) {
          int colon = s;
          while (colon < e && b[colon] != ':') {
            colon++;
          }
          if (colon < e) {
            int ne = trimEnd(b, s, colon);
            int vs = trimStart(b, colon + 1, e);
            if (ne - s == 4 && starts(b, s, ROLE)) {
              role = new String(b, vs, e - vs, StandardCharsets.ISO_8859_1);
            } else if (ne - s == 3 && starts(b, s, GUN)) {
              gun = new String(b, vs, e - vs, StandardCharsets.ISO_8859_1);
            }
            continue;
          }
        }
        headers = false;
        System.arraycopy(b, s, b64, n, e - s);
        n += e - s;
      }
      String type = new String(b, typeStart, typeEnd - typeStart, StandardCharsets.ISO_8859_1);
      if (!ended) {
        return "PEM block " + type + " has no END line (truncated file?)";
      }
      byte[] der;
      try {
        der = Base64.getDecoder().decode(Arrays.copyOf(b64, n));
      } catch (IllegalArgumentException x) {
        return "PEM block " + type + " has invalid base64";
      }
      if (!isPrivateKeyType(type)) {
        continue; // a certificate or any other block: skipped, as keys does
      }
      if (role == null) {
        return "no 'role' header";
      }
      if (!isRole(role)) {
        return "unknown role";
      }
      String algorithm = algorithm(type, der);
      boolean hasGun =
          role.equals("targets") || role.equals("snapshot") || role.equals("timestamp");
      return new Key(role, hasGun ? gun : "", id, algorithm == null ? "?" : algorithm);
    }
    return "holds no private key";
  }

  private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "-----END ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DASHES = "-----".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ROLE = "role".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GUN = "gun".getBytes(StandardCharsets.US_ASCII);

  /** Whether b[s, e) is "-----END " + b[typeStart, typeEnd) + "-----". */
  private static boolean isEnd(byte[] b, int s, int e, int typeStart, int typeEnd) {
    int t = typeEnd - typeStart;
    if (e - s != END.length + t + DASHES.length || !starts(b, s, END)) {
      return false;
    }
    for (int i = 0; i < t; i++) {
      if (b[s + END.length + i] != b[typeStart + i]) {
        return false;
      }
    }
    return starts(b, e - DASHES.length, DASHES);
  }

  private static boolean starts(byte[] b, int at, byte[] prefix) {
    if (at < 0 || at + prefix.length > b.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int trimStart(byte[] b, int from, int to) {
    while (from < to && (b[from] & 0xff) <= ' ') {
      from++;
    }
    return from;
  }

  private static int trimEnd(byte[] b, int from, int to) {
    while (to > from && (b[to - 1] & 0xff) <= ' ') {
      to--;
    }
    return to;
  }

  private static boolean isPrivateKeyType(String type) {
    switch (type) {
      case "ENCRYPTED PRIVATE KEY":
      case "PRIVATE KEY":
      case "EC PRIVATE KEY":
      case "RSA PRIVATE KEY":
      case "ED25519 PRIVATE KEY":
        return true;
      default:
        return false;
    }
  }

  /** The algorithm keys shows for a private-key block, or null when it cannot tell. */
  private static String algorithm(String type, byte[] der) {
    switch (type) {
      case "ENCRYPTED PRIVATE KEY":
        // SEQUENCE { SEQUENCE algorithm, OCTET STRING ciphertext }: PBES2 with AES-CBC pads the
        // PKCS#8 encoding to a whole block, so the ciphertext length tells the key type
        int[] p = {0};
        if (tag(der, p, 0x30) < 0 || length(der, p) < 0 || tag(der, p, 0x30) < 0) {
          return null;
        }
        int algorithmLength = length(der, p);
        if (algorithmLength < 0) {
          return null;
        }
        p[0] += algorithmLength;
        if (tag(der, p, 0x04) < 0) {
          return null;
        }
        int ct = length(der, p);
        if (ct == 64 || ct == 96 || ct == 128) {
          return "ed25519";
        } else if (ct == 80 || ct == 144 || ct == 160) {
          return "ecdsa";
        } else if (ct >= 1184 && ct <= 1264) {
          return "rsa2048";
        } else if (ct >= 2336 && ct <= 2432) {
          return "rsa4096";
        }
        return null;
      case "PRIVATE KEY": // unencrypted PKCS#8, by its algorithm's OID (keys decodes the key)
        if (contains(der, EC_PUBLIC_KEY)) {
          return "ecdsa";
        } else if (contains(der, ED25519)) {
          return "ed25519";
        } else if (contains(der, RSA_ENCRYPTION)) {
          return der.length > 1800 ? "rsa4096" : "rsa2048";
        }
        return null;
      case "EC PRIVATE KEY":
        return "ecdsa";
      case "ED25519 PRIVATE KEY":
        return "ed25519";
      case "RSA PRIVATE KEY":
        return der.length > 1800 ? "rsa4096" : "rsa2048";
      default:
        return null;
    }
  }

  private static final byte[] EC_PUBLIC_KEY = {
    6, 7, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 2, 1
  };
  private static final byte[] ED25519 = {6, 3, 0x2b, 0x65, 0x70};
  private static final byte[] RSA_ENCRYPTION = {
    6, 9, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 1, 1, 1
  };

  private static boolean contains(byte[] der, byte[] oid) {
    for (int i = 0; i + oid.length <= Math.min(der.length, 64); i++) {
      int j = 0;
      while (j < oid.length && der[i + j] == oid[j]) {
        j++;
      }
      if (j == oid.length) {
        return true;
      }
    }
    return false;
  }

  private static int tag(byte[] der, int[] p, int tag) {
    return p[0] < der.length && (der[p[0]++] & 0xff) == tag ? tag : -1;
  }

  private static int length(byte[] der, int[] p) {
    if (p[0] >= der.length) {
      return -1;
    }
    int first = der[p[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int n = first & 0x7f;
    if (n < 1 || n > 3 || p[0] + n > der.length) {
      return -1;
    }
    int len = 0;
    for (int i = 0; i < n; i++) {
      len = (len << 8) | (der[p[0]++] & 0xff);
    }
    return len;
  }

  /**
   * A base role, a clean delegation path, or a signer's name (no spaces, no control characters).
   */
  private static boolean isRole(String role) {
    if (role.isEmpty() || role.length() > 255) {
      return false;
    }
    boolean slash = false;
    for (int i = 0; i < role.length(); i++) {
      char c = role.charAt(i);
      if (c <= ' ' || c == 0x7f || Character.isISOControl(c) || Character.isWhitespace(c)) {
        return false;
      }
      slash |= c == '/';
    }
    if (!slash) {
      return true;
    }
    if (!role.startsWith("targets/")) {
      return false;
    }
    for (String segment : role.substring(8).split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private static boolean isKeyId(String s, int end) {
    if (end != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static int eol(byte[] b, int from, int len) {
    int i = from;
    while (i < len && b[i] != '\n') {
      i++;
    }
    return i;
  }

  private static String printable(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control =
          c < 0x20
              || (c >= 0x7f && c <= 0x9f)
              || c == '\u2028'
              || c == '\u2029'
              || (c >= '\u202a' && c <= '\u202e')
              || (c >= '\u2066' && c <= '\u2069')
              || c == '\u200e'
              || c == '\u200f'
              || c == '\u061c';
      if (control && b == null) {
        b = new StringBuilder(s);
      }
      if (control) {
        b.setCharAt(i, '?');
      }
    }
    return b == null ? s : b.toString();
  }

  private static void line(StringBuilder out, String[] cells, int[] w) {
    int start = out.length();
    for (int c = 0; c < cells.length; c++) {
      out.append(cells[c]);
      if (c < cells.length - 1) {
        for (int pad = w[c] - cells[c].length() + 4; pad > 0; pad -= SPACES.length()) {
          out.append(SPACES, 0, Math.min(pad, SPACES.length()));
        }
      }
    }
    int end = out.length();
    while (end > start && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
    out.append('\n');
  }
}
