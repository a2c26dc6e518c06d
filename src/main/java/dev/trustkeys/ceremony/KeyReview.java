package dev.trustkeys.ceremony;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyAttestations;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.metadata.MetadataFormatException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a request's root keys are, checked from the bytes being signed at every step of a ceremony
 * (plan, sign, status, verify, publish): each key that records a YubiKey attestation ({@link
 * RootKey#ATTESTATION_FIELD}) must have one that certifies its public key and chains to an
 * attestation root trusted here, and the firmware it names is looked up in Yubico's advisories;
 * keys the dialect's tools would not write are named too.
 *
 * <p>A key the request adds whose attestation does not verify is a <b>problem</b>: nobody signs or
 * publishes the request (someone claims hardware they cannot show). The same for a key already in
 * the root in force is a <b>warning</b>: refusing would also refuse the ceremony that removes it.
 * An advisory is a warning.
 *
 * @param problems what stops the request
 * @param warnings what holders should know
 * @param notes what was verified, one line per attested key
 * @param firstProblemRemedy what would settle the first problem (the remedy of the failure behind
 *     it, e.g. an attestation root to give), which the command line words; null if none
 */
public record KeyReview(
    List<String> problems, List<String> warnings, List<String> notes, Remedy firstProblemRemedy) {
  public KeyReview {
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
    notes = List.copyOf(notes);
  }

  /**
   * The failure that stops the request: its first problem after {@code prefix}, with that problem's
   * remedy (exit 7).
   */
  public KeysException refusal(String prefix) {
    return new KeysException(
        prefix + problems.get(0), ExitCode.VERIFICATION_FAILED, firstProblemRemedy, null);
  }

  /**
   * Reviews every root key of the request's two roots, checking recorded attestations with {@code
   * attestations}.
   */
  public static KeyReview of(CeremonyRequest req, KeyAttestations attestations)
      throws MetadataFormatException {
    List<String> problems = new ArrayList<>(req.dialect().proposalProblems(req.proposed()));
    List<String> warnings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Remedy firstProblemRemedy = null;
    Map<String, RootKey> keys = new LinkedHashMap<>(req.base().keysOf("root"));
    req.proposed().keysOf("root").forEach(keys::putIfAbsent);
    for (RootKey k : keys.values()) {
      Optional<String> pem = k.attestationPem();
      if (pem.isEmpty()) {
        continue;
      }
      boolean added = !req.base().role("root").keyIds().contains(k.id());
      try {
        PublicKey pk = k.publicKey();
        KeyAttestations.Attested v = attestations.verify(pem.get(), pk);
        notes.add(
            "key "
                + k.label()
                + " is on "
                + v.device()
                + " (attestation verified up to "
                + v.anchor()
                + ")");
        for (String a : v.advisories()) {
          warnings.add("key " + k.label() + ": " + a);
        }
      } catch (KeysException e) {
        String what =
            "the YubiKey attestation recorded with key "
                + k.label()
                + " does not verify ("
                + e.getMessage().replaceFirst("^attestation failed: ", "")
                + ")";
        if (added) {
          if (problems.isEmpty()) {
            firstProblemRemedy = e.remedy().orElse(null);
          }
          problems.add(
              what + ": nothing shows the key is on a YubiKey; do not sign a root that adds it");
        } else {
          warnings.add(what + "; the key is in the root in force already");
        }
      }
    }
    return new KeyReview(problems, warnings, notes, firstProblemRemedy);
  }

  /** The notes, warnings and problems, one line each, for people. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    notes.forEach(n -> b.append("Attested: ").append(n).append('\n'));
    b.append(CeremonyStatus.findingsText(problems, warnings));
    return b.toString();
  }
}
