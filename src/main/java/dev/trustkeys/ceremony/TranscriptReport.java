package dev.trustkeys.ceremony;

import dev.trustkeys.tuf.KeyName;
import java.util.List;
import java.util.Optional;

/**
 * What a request's transcript proves: for each entry, the root key that signed it (empty for an unsigned entry),
 * or the first problem found, in words.
 *
 * @param signers one per entry, in order
 * @param published whether it ends with a {@code publish} entry
 * @param publishConfirmed whether that entry was checked against the server's root
 * @param problem why the transcript does not verify, or {@code null} when it does
 */
public record TranscriptReport(List<Optional<KeyName>> signers, boolean published, boolean publishConfirmed,
    String problem) {
  public TranscriptReport {
    signers = List.copyOf(signers);
  }

  static TranscriptReport failed(String problem) {
    return new TranscriptReport(List.of(), false, false, problem);
  }

  public boolean ok() {
    return problem == null;
  }

  /** The key that signed the plan, if the coordinator held one. */
  public Optional<KeyName> planSigner() {
    return signers.isEmpty() ? Optional.empty() : signers.get(0);
  }

  /** One line on who planned the change, or the warning that nobody provably did. */
  public String planText() {
    return planSigner().map(k -> "The plan is signed by root key " + k.label() + ".").orElse("The plan is not "
        + "signed by any root key (the coordinator held none, or someone removed the signature): the file does not "
        + "show who planned this change. Compare the SHA-256 above with the one the coordinator gives you over "
        + "another channel (in person, by phone) before you sign.");
  }
}
