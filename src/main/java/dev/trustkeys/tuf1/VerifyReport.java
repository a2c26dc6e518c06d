package dev.trustkeys.tuf1;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link RepositoryVerifier} found: the problems a client would refuse the repository for (the
 * first one is what {@code keys tuf verify} reports), warnings of things clients accept but should
 * not be written, and what was checked of each role.
 */
public final class VerifyReport {
  /** One role file as checked: its version, expiry and signatures. */
  public record RoleResult(
      String role, long version, Instant expires, SignatureCheck signatures, String file) {}

  /**
   * One step of the root chain: version N checked against N-1's keys (null for the first) and its
   * own.
   */
  public record RootStep(long version, SignatureCheck byPrevious, SignatureCheck bySelf) {}

  private final Instant at;
  private final List<String> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<RootStep> rootChain = new ArrayList<>();
  private final List<RoleResult> roles = new ArrayList<>();
  private int targetsListed;
  private int targetsChecked;
  private int targetsAbsent;

  VerifyReport(Instant at) {
    this.at = at;
  }

  void problem(String message) {
    problems.add(message);
  }

  void warning(String message) {
    if (!warnings.contains(message)) {
      warnings.add(message);
    }
  }

  void rootStep(RootStep s) {
    rootChain.add(s);
  }

  void role(RoleResult r) {
    roles.add(r);
  }

  void target(boolean present) {
    targetsListed++;
    if (present) {
      targetsChecked++;
    } else {
      targetsAbsent++;
    }
  }

  public Instant at() {
    return at;
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  public List<RootStep> rootChain() {
    return List.copyOf(rootChain);
  }

  public List<RoleResult> roles() {
    return List.copyOf(roles);
  }

  public int targetsListed() {
    return targetsListed;
  }

  /** Target files present in the repository whose length and hashes were checked. */
  public int targetsChecked() {
    return targetsChecked;
  }

  /**
   * Target files listed in metadata but not in this copy of the repository (not a problem: mirrors
   * hold subsets).
   */
  public int targetsAbsent() {
    return targetsAbsent;
  }
}
