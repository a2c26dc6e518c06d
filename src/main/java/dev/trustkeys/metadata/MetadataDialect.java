package dev.trustkeys.metadata;

import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import java.security.PublicKey;
import java.util.Map;

/**
 * One TUF metadata dialect: everything that differs between Notary's TUF and TUF 1.0 once the JSON
 * is parsed. Metadata trees are the values {@link dev.trustkeys.core.json.JsonReader} produces
 * (ordered maps, lists, strings, {@code Long}/{@code BigInteger}, booleans, null); a key object is
 * the JSON object under {@code keys} and a signature entry one element of {@code signatures}.
 *
 * <table>
 * <caption>The two dialects</caption>
 * <tr><th></th><th>TUF 1.0</th><th>Notary</th></tr>
 * <tr><td>canonical form</td><td>OLPC (securesystemslib): only {@code \} and {@code "} escaped</td>
 *     <td>Go canonical JSON ({@code <} as {@code \u003c})</td></tr>
 * <tr><td>key ID</td><td>SHA-256 of the whole key object as written</td>
 *     <td>SHA-256 of {@code {"keytype","keyval":{"private":null,"public"}}}</td></tr>
 * <tr><td>public key</td><td>PEM SPKI (ecdsa, rsa), 64 hex digits (ed25519)</td>
 *     <td>base64 SPKI or raw, PEM certificates for x509 root keys</td></tr>
 * <tr><td>signature</td><td>hex; ECDSA as DER</td><td>base64; ECDSA as r||s</td></tr>
 * <tr><td>scheme names</td><td>on the key: ecdsa-sha2-nistp256, rsassa-pss-sha256, ed25519</td>
 *     <td>on the signature: ecdsa, rsapss, eddsa</td></tr>
 * <tr><td>{@code _type}</td><td>root, targets, snapshot, timestamp</td>
 *     <td>Root, Targets, Snapshot, Timestamp</td></tr>
 * <tr><td>file</td><td>as its tool wrote it (python-tuf: indented, sorted keys)</td>
 *     <td>{@code {"signed":...,"signatures":[...]}}, canonical inside, no whitespace</td></tr>
 * </table>
 *
 * <p>Back ends know no dialect: they sign bytes and return a neutral {@link SignatureValue}, which
 * the dialect encodes ({@link #encodeSignature}) under its scheme name ({@link #schemeName}).
 */
public interface MetadataDialect {
  /** A short name for messages: "TUF 1.0", "Notary". */
  String name();

  /**
   * The tree of a metadata file: the envelope object with {@code signed} (an object) and {@code
   * signatures} (a list of objects). Refuses what is no JSON of this dialect (not UTF-8, malformed,
   * a value its canonical form cannot hold).
   */
  Map<String, Object> decodeFile(byte[] file) throws MetadataFormatException;

  /** The bytes of a metadata file whose tree is {@code envelope}, as this dialect writes one. */
  byte[] encodeFile(Map<String, Object> envelope) throws MetadataFormatException;

  /**
   * The {@code _type} of a top-level role's metadata ({@code role}: root, targets, snapshot or
   * timestamp).
   */
  String typeName(String role);

  /**
   * The bytes that are signed for {@code signed} (the value of the envelope's {@code signed}
   * field).
   */
  byte[] canonicalBytes(Object signed) throws MetadataFormatException;

  /** The key ID the dialect's rule gives {@code keyObject}. */
  String keyId(Map<String, Object> keyObject) throws MetadataFormatException;

  /**
   * A new key object for {@code key} as this dialect writes one, with {@code customFields} (may be
   * empty) added.
   */
  Map<String, Object> encodePublicKey(PublicKey key, Map<String, Object> customFields)
      throws MetadataFormatException;

  /** The public key of a key object. */
  PublicKey decodePublicKey(Map<String, Object> keyObject) throws MetadataFormatException;

  /**
   * The algorithm a signature by {@code keyObject} uses; {@code signatureEntry} may say it
   * (Notary's {@code method}) or not (TUF 1.0, where the key's {@code scheme} does).
   */
  SignatureAlgorithm signatureAlgorithm(
      Map<String, Object> keyObject, Map<String, Object> signatureEntry)
      throws MetadataFormatException;

  /** The scheme or method name this dialect writes for {@code algorithm}. */
  String schemeName(SignatureAlgorithm algorithm);

  /** The signature as the dialect writes it in {@code sig}. */
  String encodeSignature(SignatureValue value) throws MetadataFormatException;

  /** A {@code sig} value read back into the neutral form. */
  SignatureValue decodeSignature(SignatureAlgorithm algorithm, String encoded)
      throws MetadataFormatException;
}
