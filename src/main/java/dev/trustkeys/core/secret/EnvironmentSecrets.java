package dev.trustkeys.core.secret;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Passphrases from the environment, with Notary's and Docker's variable names: root → {@code
 * NOTARY_ROOT_PASSPHRASE}, {@code DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE}; targets/snapshot → {@code
 * NOTARY_TARGETS_PASSPHRASE}/{@code NOTARY_SNAPSHOT_PASSPHRASE}, {@code
 * DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE}; delegations → {@code NOTARY_DELEGATION_PASSPHRASE},
 * {@code DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE}. PINs come from {@code KEYS_PKCS11_PIN} /
 * {@code KEYS_YUBIKEY_PIN} when the request's subject names the device kind.
 */
public final class EnvironmentSecrets implements SecretProvider {
  public static final String ROOT_NOTARY = "NOTARY_ROOT_PASSPHRASE";
  public static final String ROOT_DOCKER = "DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE";
  public static final String REPOSITORY_DOCKER = "DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE";
  public static final String YUBIKEY_PIN = "KEYS_YUBIKEY_PIN";
  public static final String PKCS11_PIN = "KEYS_PKCS11_PIN";

  private final Map<String, String> env;

  public EnvironmentSecrets(Map<String, String> env) {
    this.env = env;
  }

  /** The variables consulted for a key of {@code role}, in order. */
  public static List<String> variablesFor(Role role) {
    List<String> names = new ArrayList<>();
    if (role == null) {
      return names;
    }
    if (role.isRoot()) {
      names.add(ROOT_NOTARY);
      names.add(ROOT_DOCKER);
    } else if (role.equals(Role.TARGETS)) {
      names.add("NOTARY_TARGETS_PASSPHRASE");
      names.add(REPOSITORY_DOCKER);
    } else if (role.equals(Role.SNAPSHOT)) {
      names.add("NOTARY_SNAPSHOT_PASSPHRASE");
      names.add(REPOSITORY_DOCKER);
    } else if (role.equals(Role.TIMESTAMP)) {
      names.add("NOTARY_TIMESTAMP_PASSPHRASE");
      names.add(REPOSITORY_DOCKER);
    } else {
      names.add("NOTARY_DELEGATION_PASSPHRASE");
      names.add(REPOSITORY_DOCKER);
    }
    return names;
  }

  /** Looks at the variables (the copy of a value this makes is zeroed at once). */
  @Override
  public boolean canAnswer(SecretRequest request) throws KeysException {
    Optional<Secret> s = obtain(request);
    s.ifPresent(Secret::close);
    return s.isPresent();
  }

  /**
   * What to set for new keys of {@code roles} when no source has their passphrases, e.g. {@code
   * NOTARY_TARGETS_PASSPHRASE and NOTARY_SNAPSHOT_PASSPHRASE (or
   * DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE for both)}: each role's own variable, and the shared
   * one once.
   */
  public static String variablesToSet(List<Role> roles) {
    Map<String, List<String>> byFallback = new java.util.LinkedHashMap<>();
    for (Role r : roles) {
      List<String> vars = variablesFor(r);
      byFallback
          .computeIfAbsent(vars.get(vars.size() - 1), k -> new ArrayList<>())
          .add(vars.get(0));
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : byFallback.entrySet()) {
      List<String> own = e.getValue();
      String both = own.size() == 1 ? "" : own.size() == 2 ? " for both" : " for all";
      parts.add(String.join(" and ", own) + " (or " + e.getKey() + both + ")");
    }
    return String.join(", and ", parts);
  }

  @Override
  public Optional<Secret> obtain(SecretRequest request) throws KeysException {
    List<String> names;
    if (request.isPassphrase()) {
      names = variablesFor(request.role());
    } else if (request.kind() == SecretRequest.Kind.PIN) {
      names = List.of(request.subject().startsWith("YubiKey") ? YUBIKEY_PIN : PKCS11_PIN);
    } else {
      return Optional.empty();
    }
    for (String name : names) {
      String v = env.get(name);
      if (v != null && !v.isEmpty()) {
        if (request.kind() == SecretRequest.Kind.NEW_PASSPHRASE
            && v.length() < TerminalPrompter.MIN_LENGTH) {
          throw new KeysException(
              "the passphrase in "
                  + name
                  + " is too short: use at least "
                  + TerminalPrompter.MIN_LENGTH
                  + " characters (a password manager can generate one)",
              ExitCode.USAGE);
        }
        return Optional.of(Secret.adopt(v.toCharArray(), Secret.Origin.ENVIRONMENT, name));
      }
    }
    return Optional.empty();
  }
}
