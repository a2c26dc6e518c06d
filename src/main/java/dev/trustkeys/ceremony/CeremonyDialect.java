package dev.trustkeys.ceremony;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.metadata.MetadataDialect;
import dev.trustkeys.metadata.MetadataFormatException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a root ceremony needs of a metadata dialect beyond the {@link MetadataDialect} seam
 * (canonical bytes, key IDs, keys and signatures): how its roots are read and changed, how a
 * request and a root file are written, and the words for what a root belongs to. The ceremony
 * itself, its transcript and every check it makes are the same for all dialects: {@link #NOTARY}
 * (Notary's TUF, roots of a GUN on a Notary server) and {@link #TUF} (TUF 1.0 repositories as
 * python-tuf, go-tuf, tuf-js and tuf-on-ci write them).
 */
public interface CeremonyDialect {
  CeremonyDialect NOTARY = new NotaryCeremonyDialect();
  CeremonyDialect TUF = new Tuf1CeremonyDialect();

  /** The dialect of a request file's {@code format}, or null when none has it. */
  static CeremonyDialect ofFormat(Object format) {
    for (CeremonyDialect d : List.of(NOTARY, TUF)) {
      if (d.format().equals(format)) {
        return d;
      }
    }
    return null;
  }

  MetadataDialect metadata();

  /** The {@code format} of this dialect's signing requests. */
  String format();

  /** The request field naming what the root belongs to: {@code gun}, {@code repository}. */
  String subjectField();

  /** What the root belongs to, for messages: the GUN, or "TUF repository 'NAME'". */
  String describeSubject(String subject);

  /**
   * The root a {@code signed} tree holds; refuses what the dialect's clients would not read as a
   * root.
   */
  CeremonyRoot root(Map<String, Object> signed) throws MetadataFormatException;

  /** A root file's {@code signed} tree and its signature entries. */
  Envelope parseFile(byte[] file) throws MetadataFormatException;

  /** A root file's parts. */
  record Envelope(Map<String, Object> signed, List<Map<String, Object>> signatures) {}

  /** The signature entry this dialect writes for {@code keyId}'s signature. */
  Map<String, Object> signatureEntry(String keyId, SignatureValue value)
      throws MetadataFormatException;

  /**
   * Checks the fields of one signature entry read from a request (the signature itself is checked
   * later).
   */
  void checkSignatureEntry(Map<String, Object> entry) throws MetadataFormatException;

  /**
   * The signature an entry carries for {@code key}, or null for a placeholder or one that cannot be
   * decoded.
   */
  SignatureValue signatureOf(Map<String, Object> entry, RootKey key);

  /**
   * The next root after {@code base}: the root role has {@code rootKeys} (key objects by the ID
   * they are listed under, in order) and {@code threshold}; version + 1, expiring at {@code
   * expires}. Everything else of the base root is kept as the dialect's tools keep it.
   */
  Map<String, Object> nextRoot(
      CeremonyRoot base, Map<String, Map<String, Object>> rootKeys, int threshold, Instant expires)
      throws KeysException;

  /** The ID a new key object is listed under. */
  String keyId(Map<String, Object> keyObject) throws MetadataFormatException;

  /** How long a new root lasts unless the coordinator says otherwise. */
  Duration defaultRootExpiry(CeremonyRoot base);

  /**
   * Problems with a proposed root that this dialect's tools would write differently (keys never
   * writes them).
   */
  List<String> proposalProblems(CeremonyRoot proposed);

  /** The bytes of a request file. */
  byte[] requestBytes(Map<String, Object> request) throws MetadataFormatException;

  /**
   * The root file to publish: {@code signed} with {@code signatures}, written as {@code baseFile}
   * was.
   */
  byte[] rootFile(Map<String, Object> signed, List<Map<String, Object>> signatures, byte[] baseFile)
      throws MetadataFormatException;
}
