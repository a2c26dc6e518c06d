package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.AttestationStore;
import dev.trustkeys.backend.yubikey.PivAttestation;
import dev.trustkeys.ceremony.CeremonyRequest;
import dev.trustkeys.ceremony.RootKey;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.io.InputFiles;
import dev.trustkeys.core.io.IoErrors;
import dev.trustkeys.tuf1.Metadata;
import dev.trustkeys.tuf1.PublicKeyFiles;
import dev.trustkeys.tuf1.RepositoryFiles;
import dev.trustkeys.tuf1.RootPublisher;
import dev.trustkeys.tuf1.Tuf1Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the ceremony commands need of a TUF 1.0 repository ({@code --tuf REPO}) and of the keys they
 * add to it.
 */
final class CeremonyTuf {
  /** Where a Notary ceremony's root is published, as the ceremony commands take it. */
  static final String SERVER_OPTION = "--server URL";

  /** Where a TUF 1.0 ceremony's root is published, as the ceremony commands take it. */
  static final String TUF_OPTION = "--tuf REPO";

  private CeremonyTuf() {}

  /** The option that names where {@code req}'s root is published. */
  static String publicationOption(CeremonyRequest req) {
    return req.dialect() == dev.trustkeys.ceremony.CeremonyDialect.NOTARY
        ? SERVER_OPTION
        : TUF_OPTION;
  }

  /** The name a request gives the repository: its folder's. */
  static String name(Path repo) {
    Path p = repo.toAbsolutePath().normalize().getFileName();
    return p == null ? "/" : p.toString();
  }

  /**
   * The newest root of {@code repo}, whose chain from the first root present must verify
   * (signatures and thresholds; an expired root may be replaced, so expiry is not checked).
   */
  static byte[] currentRoot(Path repo) throws KeysException {
    RepositoryFiles files = RepositoryFiles.open(repo);
    List<Metadata> chain = new ArrayList<>();
    for (Path p : RootPublisher.versions(files).values()) {
      chain.add(files.readMetadata(p));
    }
    String problem = RootPublisher.chainProblem(chain);
    if (problem != null) {
      throw new KeysException(
          "the root chain of "
              + repo
              + " does not verify ("
              + problem
              + "): a ceremony starts"
              + " from a root clients accept ('keys tuf verify "
              + repo
              + "' says more)",
          dev.trustkeys.core.ExitCode.VERIFICATION_FAILED);
    }
    return RootPublisher.newest(repo);
  }

  /**
   * The root versions of the holder's copy of the repository, to compare a request's base root
   * with.
   */
  static TreeMap<Long, byte[]> knownRoots(Path repo) throws KeysException {
    RepositoryFiles files = RepositoryFiles.open(repo);
    TreeMap<Long, byte[]> out = new TreeMap<>();
    for (Map.Entry<Long, Path> e : RootPublisher.versions(files).entrySet()) {
      out.put(e.getKey(), files.read(e.getValue()));
    }
    return out;
  }

  /**
   * The key object of a root key to add: K is a PEM file (a PUBLIC KEY, a certificate, or a YubiKey
   * attestation as 'keys yubikey attest' prints it, which is then recorded with the key) or a key
   * held here (with the attestation the trust directory keeps for a key generated on a YubiKey).
   */
  static Map<String, Object> keyObject(Context ctx, String k) throws KeysException {
    Path p = Path.of(k);
    PublicKey key;
    Optional<String> attestation = Optional.empty();
    if (Files.isRegularFile(p)) {
      byte[] pem;
      try {
        pem = InputFiles.read(p, dev.trustkeys.core.io.CertificateFiles.MAX_BYTES);
      } catch (IOException e) {
        throw IoErrors.cannotReadNamed(p, e);
      }
      if (PivAttestation.looksLikeOne(pem)) {
        PivAttestation a = PivAttestation.parse(new String(pem, StandardCharsets.US_ASCII));
        key = a.publicKey();
        attestation = Optional.of(a.pem());
      } else {
        key = PublicKeyFiles.read(p);
      }
    } else {
      Keyring.Located l = ctx.locate(k);
      try (dev.trustkeys.core.Signer s = l.signer()) {
        key = s.publicKey();
      }
      attestation = new AttestationStore(ctx.trustDirectory().root()).read(l.key().id());
    }
    Map<String, Object> custom = new LinkedHashMap<>();
    attestation.ifPresent(a -> custom.put(RootKey.ATTESTATION_FIELD, a));
    return Tuf1Dialect.INSTANCE.encodePublicKey(key, custom);
  }

  /** Refuses a request of the other dialect than the options given name. */
  static void requireDialect(CeremonyRequest req, boolean tufGiven, boolean serverGiven)
      throws UsageException {
    boolean tuf = req.dialect() != dev.trustkeys.ceremony.CeremonyDialect.NOTARY;
    if (tuf && serverGiven || !tuf && tufGiven) {
      throw new UsageException(
          "this request is for "
              + req.describeSubject()
              + ": give "
              + publicationOption(req)
              + ", not "
              + (tuf ? "--server" : "--tuf"));
    }
  }
}
