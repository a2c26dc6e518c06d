package dev.trustkeys.ceremony;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import java.util.List;
import java.util.Optional;

/**
 * What a request's transcript proves: for each entry, the root key that signed it (empty for an
 * unsigned entry), or the first problem found, in words.
 *
 * @param signers one per entry, in order
 * @param planByRootInForce whether the plan is signed by a key of the root in force (not only one
 *     the request adds)
 * @param published whether it ends with a {@code publish} entry
 * @param publishConfirmed whether that entry was checked against the published root (server,
 *     repository)
 * @param problem why the transcript does not verify, or {@code null} when it does
 * @param remedy what would fix that problem, which the command line words (null: nothing to add)
 */
public record TranscriptReport(
    List<Optional<RootKey>> signers,
    boolean planByRootInForce,
    boolean published,
    boolean publishConfirmed,
    String problem,
    Remedy remedy) {
  public TranscriptReport {
    signers = List.copyOf(signers);
  }

  /** The report of a transcript that does not verify: the failure's message and remedy. */
  static TranscriptReport failed(KeysException e) {
    return new TranscriptReport(
        List.of(), false, false, false, e.getMessage(), e.remedy().orElse(null));
  }

  public boolean ok() {
    return problem == null;
  }

  /** The key that signed the plan, if the coordinator held one. */
  public Optional<RootKey> planSigner() {
    return signers.isEmpty() ? Optional.empty() : signers.get(0);
  }

  /** One line on who planned the change, or the warning that nobody provably did. */
  public String planText() {
    String compare =
        "Compare the SHA-256 above with the one the coordinator gives you over another channel (in "
            + "person, by phone) before you sign.";
    if (planSigner().isEmpty()) {
      return "The plan is not signed by any root key (the coordinator held none, or someone removed the "
          + "signature): the file does not show who planned this change. "
          + compare;
    }
    if (!planByRootInForce) {
      return "The plan is signed by key "
          + planSigner().get().label()
          + ", which this request adds to the root: "
          + "anyone can add a key and sign with it, so this does not show who planned the change. "
          + compare;
    }
    return "The plan is signed by root key "
        + planSigner().get().label()
        + " of the root in force.";
  }
}
