package dev.trustkeys.notary;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.tuf.KeyName;
import dev.trustkeys.tuf.TufKey;
import java.util.List;
import java.util.Map;

/**
 * None (or too few) of the root keys the repository's root.json names are available. When none is,
 * the root key is lost, and the message explains the only way out.
 */
public final class RootKeyUnavailableException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String gun;
  private final List<String> rootKeyIds;
  private final int required;
  private final int available;

  /**
   * {@code rootKeys}: the root role's keys by metadata ID, named in the message as {@code keys
   * list} shows them.
   */
  public RootKeyUnavailableException(
      String gun, Map<String, TufKey> rootKeys, int required, int available, String searched) {
    super(
        message(gun, rootKeys, required, available, searched),
        ExitCode.NOT_FOUND,
        remedy(gun, rootKeys.size(), available),
        null);
    this.gun = gun;
    this.rootKeyIds = List.copyOf(rootKeys.keySet());
    this.required = required;
    this.available = available;
  }

  private static Remedy remedy(String gun, int keys, int available) {
    if (available > 0) {
      return Remedy.of(Remedy.Kind.COLLECT_ROOT_SIGNATURES);
    }
    return keys > 1
        ? Remedy.of(Remedy.Kind.ROOT_HOLDERS_SIGN)
        : Remedy.forGun(Remedy.Kind.RECREATE_REPOSITORY, gun);
  }

  private static String message(
      String gun, Map<String, TufKey> rootKeys, int required, int available, String searched) {
    List<String> ids = List.copyOf(rootKeys.keySet());
    String keys =
        String.join(", ", ids.stream().map(i -> KeyName.of(i, rootKeys.get(i)).label()).toList());
    if (available > 0) {
      return "root of "
          + gun
          + " needs "
          + required
          + " signatures but only "
          + available
          + " of its root keys ("
          + keys
          + ") are here ("
          + searched
          + ")";
    }
    if (ids.size() > 1) {
      return "none of the "
          + ids.size()
          + " root keys of "
          + gun
          + " ("
          + keys
          + ") is in "
          + searched
          + ": the root"
          + " needs "
          + required
          + " of them";
    }
    return "no root key of "
        + gun
        + " ("
        + keys
        + ") is in "
        + searched
        + ". If it is lost, nothing can sign a new root that clients will accept";
  }

  public String gun() {
    return gun;
  }

  public List<String> rootKeyIds() {
    return rootKeyIds;
  }

  public int required() {
    return required;
  }

  public int available() {
    return available;
  }
}
