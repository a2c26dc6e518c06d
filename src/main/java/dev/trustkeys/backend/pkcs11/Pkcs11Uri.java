package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.UsageException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code pkcs11:} URI (RFC 7512) naming a token, and optionally an object on it. Path attributes:
 * token, manufacturer, serial, model, library-*, slot-*, object, id (bytes), type. Query
 * attributes: module-path, module-name, pin-source. {@code pin-value} is refused: a PIN must never
 * be written on a command line.
 *
 * <p>Immutable; {@link #toString()} is the normalized URI (attributes in a fixed order, values
 * percent-encoded).
 */
public final class Pkcs11Uri {
  /** Path attribute names, in the order {@link #toString()} writes them. */
  static final List<String> PATH_ATTRIBUTES =
      List.of(
          "library-manufacturer",
          "library-description",
          "library-version",
          "slot-manufacturer",
          "slot-description",
          "slot-id",
          "manufacturer",
          "model",
          "serial",
          "token",
          "object",
          "id",
          "type");

  private static final List<String> QUERY_ATTRIBUTES =
      List.of("module-name", "module-path", "pin-source");
  private static final List<String> TYPES =
      List.of("private", "public", "cert", "secret-key", "data");
  private static final String SCHEME = "pkcs11:";
  // RFC 7512 pk11-pchar without percent: unreserved plus the path's reserved-available characters.
  private static final String PATH_SAFE = ":[]@!$'()*+,=&";
  private static final String QUERY_SAFE = ":[]@!$'()*+,=/?|;";

  private final Map<String, String> path;
  private final byte[] id;
  private final Map<String, String> query;

  private Pkcs11Uri(Map<String, String> path, byte[] id, Map<String, String> query) {
    this.path = Collections.unmodifiableMap(new LinkedHashMap<>(path));
    this.id = id == null ? null : id.clone();
    this.query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
  }

  /**
   * Parses a URI; any malformed part, unknown attribute or {@code pin-value} is a {@link
   * UsageException}.
   */
  public static Pkcs11Uri parse(String uri) throws UsageException {
    if (uri == null || !uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new UsageException(
          "not a pkcs11: URI: '" + uri + "' (expected pkcs11:token=LABEL;object=...)");
    }
    String rest = uri.substring(SCHEME.length());
    int q = rest.indexOf('?');
    String pathPart = q < 0 ? rest : rest.substring(0, q);
    String queryPart = q < 0 ? "" : rest.substring(q + 1);
    Map<String, String> path = new LinkedHashMap<>();
    byte[] id = null;
    for (String attr : split(pathPart, ';')) {
      String[] nv = nameValue(attr, uri);
      String name = nv[0];
      if (!PATH_ATTRIBUTES.contains(name) && !name.startsWith("x-")) {
        throw new UsageException("unknown attribute '" + name + "' in " + uri);
      }
      if (path.containsKey(name) || (name.equals("id") && id != null)) {
        throw new UsageException("attribute '" + name + "' given twice in " + uri);
      }
      if (name.equals("id")) {
        id = decode(nv[1], uri);
        continue;
      }
      String value = new String(decode(nv[1], uri), StandardCharsets.UTF_8);
      if (name.equals("type") && !TYPES.contains(value)) {
        throw new UsageException(
            "type=" + value + " in " + uri + ": use one of " + String.join(", ", TYPES));
      }
      path.put(name, value);
    }
    Map<String, String> query = new LinkedHashMap<>();
    for (String attr : split(queryPart, '&')) {
      int eq = attr.indexOf('=');
      String name = eq < 0 ? attr : attr.substring(0, eq);
      if (name.equals("pin-value")) {
        throw new UsageException(
            "refusing pin-value in a pkcs11: URI: a PIN on the command line leaks into shell history and process"
                + " lists; use pin-source=file:PATH, the environment variable KEYS_PKCS11_PIN or the prompt");
      }
      String[] nv = nameValue(attr, uri);
      if (!QUERY_ATTRIBUTES.contains(name) && !name.startsWith("x-")) {
        throw new UsageException("unknown query attribute '" + name + "' in " + uri);
      }
      query.put(name, new String(decode(nv[1], uri), StandardCharsets.UTF_8));
    }
    return new Pkcs11Uri(path, id, query);
  }

  /** Starts a URI for a token with the given attributes (for formatting). */
  public static Builder builder() {
    return new Builder();
  }

  public Optional<String> token() {
    return attribute("token");
  }

  public Optional<String> manufacturer() {
    return attribute("manufacturer");
  }

  public Optional<String> serial() {
    return attribute("serial");
  }

  public Optional<String> model() {
    return attribute("model");
  }

  public Optional<String> object() {
    return attribute("object");
  }

  public Optional<String> type() {
    return attribute("type");
  }

  /** The CKA_ID bytes, if the URI has an {@code id}. */
  public Optional<byte[]> id() {
    return Optional.ofNullable(id).map(byte[]::clone);
  }

  public Optional<Long> slotId() throws UsageException {
    Optional<String> s = attribute("slot-id");
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(s.get()));
    } catch (NumberFormatException e) {
      throw new UsageException("slot-id must be a decimal number, not '" + s.get() + "'");
    }
  }

  public Optional<String> attribute(String name) {
    return Optional.ofNullable(path.get(name));
  }

  public Optional<String> modulePath() {
    return Optional.ofNullable(query.get("module-path"));
  }

  public Optional<String> moduleName() {
    return Optional.ofNullable(query.get("module-name"));
  }

  /** The {@code pin-source} query attribute (a {@code file:} URI or a path), if any. */
  public Optional<String> pinSource() {
    return Optional.ofNullable(query.get("pin-source"));
  }

  /** Whether the URI names an object (object label or id), not only a token. */
  public boolean namesObject() {
    return id != null || path.containsKey("object");
  }

  /**
   * Whether every token attribute of this URI (token, manufacturer, serial, model, slot-id)
   * matches.
   */
  public boolean matchesToken(TokenInfo t) {
    return matches("token", t.label())
        && matches("manufacturer", t.manufacturer())
        && matches("serial", t.serial())
        && matches("model", t.model())
        && matches("slot-id", Long.toString(t.slotId()));
  }

  /**
   * Whether every token attribute of this URI (token, manufacturer, serial, model) is the same in
   * {@code other}.
   */
  public boolean matchesTokenOf(Pkcs11Uri other) {
    for (String name : List.of("token", "manufacturer", "serial", "model", "slot-id")) {
      String want = path.get(name);
      if (want != null && !want.equals(other.path.get(name))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the object attributes (object, id) match an object with this label and CKA_ID. */
  public boolean matchesObject(String label, byte[] objectId) {
    return matches("object", label) && (id == null || Arrays.equals(id, objectId));
  }

  private boolean matches(String name, String actual) {
    String want = path.get(name);
    return want == null || want.equals(actual);
  }

  /** The same URI without the query part (module, PIN source): the form shown in listings. */
  public Pkcs11Uri withoutQuery() {
    return new Pkcs11Uri(path, id, Map.of());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(SCHEME);
    String sep = "";
    for (String name : PATH_ATTRIBUTES) {
      if (name.equals("id")) {
        if (id != null) {
          sb.append(sep).append("id=");
          for (byte b : id) {
            sb.append('%').append(String.format("%02X", b & 0xff));
          }
          sep = ";";
        }
        continue;
      }
      String v = path.get(name);
      if (v != null) {
        sb.append(sep).append(name).append('=').append(encode(v, PATH_SAFE));
        sep = ";";
      }
    }
    for (Map.Entry<String, String> e : path.entrySet()) {
      if (!PATH_ATTRIBUTES.contains(e.getKey())) {
        sb.append(sep).append(e.getKey()).append('=').append(encode(e.getValue(), PATH_SAFE));
        sep = ";";
      }
    }
    String qsep = "?";
    for (Map.Entry<String, String> e : query.entrySet()) {
      sb.append(qsep).append(e.getKey()).append('=').append(encode(e.getValue(), QUERY_SAFE));
      qsep = "&";
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pkcs11Uri && o.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  private static List<String> split(String s, char sep) {
    if (s.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(s.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1));
  }

  private static String[] nameValue(String attr, String uri) throws UsageException {
    int eq = attr.indexOf('=');
    if (eq <= 0) {
      throw new UsageException(
          "malformed attribute '" + attr + "' in " + uri + " (expected name=value)");
    }
    return new String[] {attr.substring(0, eq), attr.substring(eq + 1)};
  }

  private static byte[] decode(String v, String uri) throws UsageException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '%') {
        if (i + 2 >= v.length()) {
          throw new UsageException("truncated percent-encoding in " + uri);
        }
        int hi = Character.digit(v.charAt(i + 1), 16);
        int lo = Character.digit(v.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new UsageException(
              "bad percent-encoding '" + v.substring(i, i + 3) + "' in " + uri);
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return out.toByteArray();
  }

  private static String encode(String v, String safe) {
    StringBuilder sb = new StringBuilder();
    for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~".indexOf(c) >= 0;
      if (b >= 0 && (unreserved || safe.indexOf(c) >= 0)) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  /** Builds a URI attribute by attribute; empty or null values are left out. */
  public static final class Builder {
    private final Map<String, String> path = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private byte[] id;

    private Builder() {}

    public Builder attribute(String name, String value) {
      if (!PATH_ATTRIBUTES.contains(name) || name.equals("id")) {
        throw new IllegalArgumentException("not a path attribute: " + name);
      }
      if (value != null && !value.isEmpty()) {
        path.put(name, value);
      }
      return this;
    }

    public Builder token(TokenInfo t) {
      return attribute("manufacturer", t.manufacturer())
          .attribute("model", t.model())
          .attribute("serial", t.serial())
          .attribute("token", t.label());
    }

    public Builder id(byte[] value) {
      this.id = value == null ? null : value.clone();
      return this;
    }

    public Builder modulePath(String value) {
      query.put("module-path", value);
      return this;
    }

    public Pkcs11Uri build() {
      return new Pkcs11Uri(path, id, query);
    }
  }
}
