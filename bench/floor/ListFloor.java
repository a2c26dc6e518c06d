import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The floor for `keys list` on a JVM (bench/parts/list.sh): the least a Java program can do to list
 * a trust directory the way `notary key list` does — list private/, read every *.key file, take its
 * role and gun PEM headers, print one line per key. No validation, no decoding, no error handling,
 * no other layouts: nothing `keys` must do. Run with the same JVM flags as bin/keys and its own
 * class-data-sharing archive, it measures what JVM start-up plus the unavoidable file work cost on
 * this machine, beside which `keys` and `notary` are compared. Not part of keys; JDK only.
 */
public final class ListFloor {
  private ListFloor() {}

  public static void main(String[] args) throws IOException {
    String dir = args[0] + "/private/";
    String[] names = new File(dir).list();
    if (names == null) {
      throw new IOException("cannot list " + dir);
    }
    Arrays.sort(names);
    byte[] buf = new byte[65536];
    StringBuilder out = new StringBuilder(names.length * 160);
    for (String name : names) {
      if (!name.endsWith(".key")) {
        continue;
      }
      int len;
      try (FileInputStream in = new FileInputStream(dir + name)) {
        len = Math.max(0, in.read(buf, 0, buf.length));
      }
      String role = "";
      String gun = "";
      int i = 0;
      while (i < len && buf[i] != '\n') {
        i++; // the BEGIN line
      }
      i++;
      while (i < len && buf[i] != '\n') { // headers, up to the blank line
        int start = i;
        while (i < len && buf[i] != '\n') {
          i++;
        }
        String line = new String(buf, start, i - start, StandardCharsets.ISO_8859_1);
        if (line.startsWith("role: ")) {
          role = line.substring(6);
        } else if (line.startsWith("gun: ")) {
          gun = line.substring(5);
        }
        i++;
      }
      out.append(role)
          .append("    ")
          .append(gun)
          .append("    ")
          .append(name, 0, name.length() - 4)
          .append("    ")
          .append(dir)
          .append(name)
          .append('\n');
    }
    PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
    stdout.print(out);
    stdout.flush();
  }
}
