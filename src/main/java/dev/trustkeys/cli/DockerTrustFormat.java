package dev.trustkeys.cli;

import dev.trustkeys.core.Untrusted;
import dev.trustkeys.notary.NaturalOrder;
import dev.trustkeys.notary.TrustInspector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of {@code docker trust inspect}, byte for byte: the JSON array Docker's inspector
 * prints ({@code encoding/json} then {@code json.Indent} with four spaces: keys in struct order,
 * {@code []} for empty lists, a signer's empty key list left out, HTML characters escaped) and the
 * {@code --pretty} text with its tab-aligned tables.
 */
final class DockerTrustFormat {
  private static final String RELEASED = "Repo Admin";

  private DockerTrustFormat() {}

  /** One inspected repository under the name it was asked for. */
  record Named(String name, TrustInspector.Report report) {}

  /**
   * The JSON array of {@code docker trust inspect REPO...}, with the final newline ("[]" for none).
   */
  static String json(List<Named> reports) {
    List<Object> array = new ArrayList<>();
    for (Named n : reports) {
      array.add(object(n));
    }
    StringBuilder sb = new StringBuilder();
    write(sb, array, 0);
    return sb.append('\n').toString();
  }

  private static Map<String, Object> object(Named n) {
    TrustInspector.Report r = n.report();
    List<Object> tags = new ArrayList<>();
    for (TrustInspector.TagRow t : r.tags()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("SignedTag", t.tag());
      row.put("Digest", t.digest());
      row.put("Signers", t.signers().isEmpty() ? List.of(RELEASED) : t.signers());
      tags.add(row);
    }
    List<TrustInspector.SignerKeys> sorted = new ArrayList<>(r.signers());
    sorted.sort((a, b) -> goStringOrder(b.name(), a.name()));
    List<Object> signers = new ArrayList<>();
    for (TrustInspector.SignerKeys s : sorted) {
      signers.add(signer(s.name(), s.keyIds()));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", n.name());
    m.put("SignedTags", tags);
    m.put("Signers", signers);
    m.put(
        "AdministrativeKeys",
        List.of(signer("Root", r.rootKeyIds()), signer("Repository", r.repositoryKeyIds())));
    return m;
  }

  /** Docker's {@code trustSigner}: both fields {@code omitempty}. */
  private static Map<String, Object> signer(String name, List<String> keyIds) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!name.isEmpty()) {
      m.put("Name", name);
    }
    List<Object> keys = new ArrayList<>();
    for (String id : keyIds) {
      keys.add(id.isEmpty() ? Map.of() : Map.of("ID", id));
    }
    if (!keys.isEmpty()) {
      m.put("Keys", keys);
    }
    return m;
  }

  /**
   * {@code docker trust inspect --pretty REPO} for one repository. Names that came from the server
   * are printed as they are, except control characters (a hostile tag must not move the terminal's
   * cursor), which become ?.
   */
  static String pretty(Named n) {
    TrustInspector.Report r = n.report();
    StringBuilder sb = new StringBuilder();
    if (r.tags().isEmpty()) {
      sb.append("\nNo signatures for ").append(printable(n.name())).append("\n\n");
    } else {
      sb.append("\nSignatures for ").append(printable(n.name())).append("\n\n");
      StringBuilder t = new StringBuilder("SIGNED TAG\tDIGEST\tSIGNERS\n");
      for (TrustInspector.TagRow row : r.tags()) {
        List<String> signers = new ArrayList<>();
        row.signers().forEach(x -> signers.add(printable(x)));
        if (signers.isEmpty()) {
          signers.add("(" + RELEASED + ")");
        }
        signers.sort(DockerTrustFormat::goStringOrder);
        t.append(printable(row.tag()))
            .append('\t')
            .append(row.digest())
            .append('\t')
            .append(String.join(", ", signers))
            .append('\n');
      }
      sb.append(TabWriter.format(t.toString(), 10, 3));
    }
    if (!r.signers().isEmpty()) {
      sb.append("\nList of signers and their keys for ").append(printable(n.name())).append("\n\n");
      List<TrustInspector.SignerKeys> sorted = new ArrayList<>(r.signers());
      sorted.sort((a, b) -> NaturalOrder.compare(a.name(), b.name()));
      StringBuilder t = new StringBuilder("SIGNER\tKEYS\n");
      for (TrustInspector.SignerKeys s : sorted) {
        List<String> ids = new ArrayList<>(s.keyIds());
        ids.sort(DockerTrustFormat::goStringOrder);
        List<String> truncated = new ArrayList<>();
        ids.forEach(id -> truncated.add(id.length() > 12 ? id.substring(0, 12) : id));
        t.append(printable(s.name()))
            .append('\t')
            .append(String.join(", ", truncated))
            .append('\n');
      }
      sb.append(TabWriter.format(t.toString(), 10, 3));
    }
    sb.append("\nAdministrative keys for ").append(printable(n.name())).append("\n\n");
    sb.append("  Repository Key:\t").append(sortedJoin(r.repositoryKeyIds())).append('\n');
    sb.append("  Root Key:\t").append(sortedJoin(r.rootKeyIds())).append('\n');
    return sb.toString();
  }

  /**
   * Control characters (and tabs) in a name that came from outside become ?: the table's layout is
   * ours.
   */
  private static String printable(String s) {
    return Untrusted.printable(s);
  }

  private static String sortedJoin(List<String> ids) {
    List<String> s = new ArrayList<>(ids);
    s.sort(DockerTrustFormat::goStringOrder);
    return String.join(", ", s);
  }

  /** Go's string order: by UTF-8 bytes. */
  private static int goStringOrder(String a, String b) {
    return dev.trustkeys.tuf.Json.KEY_ORDER.compare(a, b);
  }

  /**
   * Go's {@code json.Indent} of {@code encoding/json}'s output: four spaces, {@code "key": value}.
   */
  private static void write(StringBuilder sb, Object v, int depth) {
    if (v instanceof String) {
      string(sb, (String) v);
    } else if (v instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) v;
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(i++ == 0 ? "\n" : ",\n").append("    ".repeat(depth + 1));
        string(sb, (String) e.getKey());
        sb.append(": ");
        write(sb, e.getValue(), depth + 1);
      }
      sb.append('\n').append("    ".repeat(depth)).append('}');
    } else {
      List<?> l = (List<?>) v;
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "\n" : ",\n").append("    ".repeat(depth + 1));
        write(sb, l.get(i), depth + 1);
      }
      sb.append('\n').append("    ".repeat(depth)).append(']');
    }
  }

  /**
   * A string as {@code encoding/json} writes it, HTML-safe: {@code <}, {@code >}, {@code &} as \\u
   * escapes.
   */
  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
              sb.append(c).append(s.charAt(++i));
            } else {
              sb.append("\\ufffd");
            }
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
