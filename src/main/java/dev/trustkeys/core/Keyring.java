package dev.trustkeys.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every back end keys may live in, as one: which are present (found once, by one {@link
 * BackendProvider} per kind), the order they are searched in (strongest {@link Custody} first, so a
 * key held twice is used where it is best kept), finding a key by ID, prefix or URI, and where new
 * keys go: a root key to the strongest kind present (a YubiKey, then a token, then the files),
 * other keys to the files, as Notary does.
 */
public final class Keyring {
  private final List<BackendProvider> providers;
  private final KeyNaming naming;
  private final KeyAliases aliases;
  private List<List<KeyBackend>> discovered;
  private KeyBackend rootHome;

  /** A key and the back end that holds it. */
  public record Located(KeyInfo key, KeyBackend backend) {
    public Signer signer() throws KeysException {
      return backend.signer(key.id());
    }
  }

  /**
   * @param providers one per kind of back end, in any order
   * @param naming the rule that names keys in every back end (the providers' back ends follow it
   *     too)
   * @param aliases other names of keys, tried when no key ID matches a prefix
   */
  public Keyring(List<BackendProvider> providers, KeyNaming naming, KeyAliases aliases) {
    List<BackendProvider> sorted = new ArrayList<>(providers.size());
    for (Custody c : Custody.values()) {
      for (BackendProvider p : providers) {
        if (p.custody() == c) {
          sorted.add(p);
        }
      }
    }
    this.providers = List.copyOf(sorted);
    this.naming = naming;
    this.aliases = aliases;
  }

  /** A keyring of one back end, which holds every key (for embedding and tests). */
  public static Keyring single(KeyBackend backend, KeyNaming naming) {
    return of(naming, List.of(backend));
  }

  /**
   * A keyring of fixed back ends, searched in the order given; new keys go to the first (for
   * embedding and tests: no discovery, no URIs).
   */
  public static Keyring of(KeyNaming naming, List<KeyBackend> backends) {
    List<KeyBackend> fixed = List.copyOf(backends);
    BackendProvider given =
        new BackendProvider() {
          @Override
          public String scheme() {
            return "given";
          }

          @Override
          public Custody custody() {
            return Custody.FILE;
          }

          @Override
          public List<KeyBackend> discover() {
            return fixed;
          }

          @Override
          public Address address(String uri) throws UsageException {
            throw new UsageException(Untrusted.quote(uri) + ": keys here are named by key ID");
          }

          @Override
          public Optional<KeyBackend> rootHome(List<KeyBackend> present) {
            return present.isEmpty() ? Optional.empty() : Optional.of(present.get(0));
          }
        };
    return new Keyring(List.of(given), naming, KeyAliases.none());
  }

  /** The rule that names keys: the ID a public key has in every back end. */
  public KeyNaming naming() {
    return naming;
  }

  /** The providers, strongest custody first. */
  public List<BackendProvider> providers() {
    return providers;
  }

  /** Every back end present, in search order; found once, on first use. */
  public List<KeyBackend> backends() throws KeysException {
    List<KeyBackend> all = new ArrayList<>();
    for (List<KeyBackend> l : discovered()) {
      all.addAll(l);
    }
    return all;
  }

  private List<List<KeyBackend>> discovered() throws KeysException {
    if (discovered == null) {
      List<List<KeyBackend>> d = new ArrayList<>(providers.size());
      for (BackendProvider p : providers) {
        d.add(List.copyOf(p.discover()));
      }
      discovered = d;
    }
    return discovered;
  }

  /**
   * What every back end holds, in search order: keys, unreadable entries, and back ends that are
   * absent.
   */
  public KeyListing list() throws KeysException {
    List<KeyInfo> keys = new ArrayList<>();
    List<KeyListing.Unreadable> unreadable = new ArrayList<>();
    List<KeyListing.Absent> absent = new ArrayList<>();
    for (KeyBackend b : backends()) {
      KeyListing l = b.list();
      keys.addAll(l.keys());
      unreadable.addAll(l.unreadable());
      absent.addAll(l.absent());
    }
    return new KeyListing(keys, unreadable, absent);
  }

  /**
   * The key with exactly this ID in the first back end (in search order) that lists it, described
   * in full.
   */
  public Optional<Located> find(KeyId id) throws KeysException {
    for (KeyBackend b : backends()) {
      for (KeyInfo k : b.list().keys()) {
        if (k.id().equals(id)) {
          return Optional.of(new Located(k, b));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * {@link #find} for using the key: back end by back end ({@link KeyBackend#lookup}), the search
   * stopping at the first that holds it, so that a YubiKey reads only the slots it must (and not
   * its serial number). Every path that signs, or asks whether a key is here to sign with, uses
   * this; {@link #find} is for showing where a key is.
   */
  public Optional<Located> lookup(KeyId id) throws KeysException {
    for (KeyBackend b : backends()) {
      Optional<KeyInfo> k = b.lookup(id);
      if (k.isPresent()) {
        return Optional.of(new Located(k.get(), b));
      }
    }
    return Optional.empty();
  }

  /**
   * The key {@code query} names: a URI of a provider's scheme ({@code pkcs11:...}), else a key ID
   * or a unique prefix of 7 or more characters (or an {@link KeyAliases alias}). When no readable
   * key matches but an unreadable entry does (a corrupt or foreign file), says that instead of "no
   * key matches".
   */
  public Located locate(String query) throws KeysException {
    Optional<BackendProvider> p = providerOf(query);
    if (p.isPresent()) {
      BackendProvider.Address a = p.get().address(query.trim());
      if (a.key().isEmpty()) {
        throw new UsageException(
            Untrusted.quote(query) + " names " + a.backend().describe() + ", not a key in it");
      }
      return new Located(a.key().get(), a.backend());
    }
    List<KeyInfo> keys = new ArrayList<>();
    List<KeyBackend> holders = new ArrayList<>();
    List<KeyListing.Unreadable> unreadable = new ArrayList<>();
    List<KeyListing.Absent> absent = new ArrayList<>();
    for (KeyBackend b : backends()) {
      KeyListing l = b.list();
      for (KeyInfo k : l.keys()) {
        keys.add(k);
        holders.add(b);
      }
      unreadable.addAll(l.unreadable());
      absent.addAll(l.absent());
    }
    KeyIndex index = new KeyIndex(keys);
    KeyInfo k;
    try {
      k = index.resolve(query);
    } catch (KeyNotFoundException e) {
      String q = query.trim().toLowerCase(Locale.ROOT);
      Optional<KeyId> alias = q.length() < KeyId.MIN_PREFIX ? Optional.empty() : aliases.resolve(q);
      if (alias.isEmpty()) {
        throw unusable(q, unreadable).orElse(absent.isEmpty() ? e : notHere(query, absent));
      }
      k = index.resolve(alias.get().hex());
    }
    return new Located(k, holders.get(keys.indexOf(k)));
  }

  /**
   * {@link #locate} for using a key: a full key ID goes to {@link #lookup}, which stops at the
   * first back end that holds it; anything else (a prefix, a URI, no match) to {@link #locate}.
   * Same order and key.
   */
  public Located locateToUse(String query) throws KeysException {
    String q = query.trim().toLowerCase(Locale.ROOT);
    if (KeyId.isKeyId(q)) {
      Optional<Located> l = lookup(KeyId.of(q));
      if (l.isPresent()) {
        return l.get();
      }
    }
    return locate(query);
  }

  /**
   * No key matches, but back ends that hold keys are not there now: the key may be on one of them.
   */
  private static KeyNotFoundException notHere(String query, List<KeyListing.Absent> absent) {
    List<String> where = new ArrayList<>();
    for (KeyListing.Absent a : absent) {
      where.add(a.location());
    }
    return new KeyNotFoundException(
        query.trim(),
        "it may be on "
            + String.join(", ", where)
            + ", which "
            + (where.size() == 1 ? "is" : "are")
            + " not there now ("
            + absent.get(0).reason()
            + ")");
  }

  private static Optional<KeysException> unusable(
      String q, List<KeyListing.Unreadable> unreadable) {
    for (KeyListing.Unreadable u : unreadable) {
      String name = u.location().substring(u.location().lastIndexOf('/') + 1);
      if (name.startsWith(q)) {
        return Optional.of(new UnusableKeyException(u.location(), u.reason()));
      }
    }
    return Optional.empty();
  }

  /** The back end a URI names (e.g. the token to make a key on): {@code pkcs11:token=ci}. */
  public KeyBackend backend(String uri) throws KeysException {
    Optional<BackendProvider> p = providerOf(uri);
    if (p.isEmpty()) {
      throw new UsageException(
          Untrusted.quote(uri) + " is not a URI of a back end (" + schemes() + ")");
    }
    return p.get().address(uri.trim()).backend();
  }

  private Optional<BackendProvider> providerOf(String query) {
    String q = query.trim();
    for (BackendProvider p : providers) {
      String prefix = p.scheme() + ":";
      if (q.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private String schemes() {
    List<String> s = new ArrayList<>();
    for (BackendProvider p : providers) {
      s.add(p.scheme() + ":");
    }
    return String.join(", ", s);
  }

  /**
   * Where a new root key goes: asked kind by kind, strongest first, each among its back ends
   * present (a kind with several may refuse to guess and ask to choose); chosen once.
   */
  public KeyBackend rootHome() throws KeysException {
    if (rootHome == null) {
      List<List<KeyBackend>> d = discovered();
      for (int i = 0; i < providers.size() && rootHome == null; i++) {
        rootHome = providers.get(i).rootHome(d.get(i)).orElse(null);
      }
      if (rootHome == null) {
        throw new KeysException("no back end can hold a new root key (" + describeAll() + ")");
      }
    }
    return rootHome;
  }

  /**
   * Where a new key of {@code role} goes: a root key to {@link #rootHome}, others to the files, as
   * Notary does.
   */
  public KeyBackend home(Role role) throws KeysException {
    if (role.isRoot()) {
      return rootHome();
    }
    List<List<KeyBackend>> d = discovered();
    for (int i = providers.size() - 1; i >= 0; i--) {
      if (providers.get(i).custody() == Custody.FILE && !d.get(i).isEmpty()) {
        return d.get(i).get(0);
      }
    }
    throw new KeysException("no file store to keep a new " + role + " key in");
  }

  /** A new ECDSA P-256 key for {@code role} (of {@code gun}) in {@link #home}. */
  public Located create(Role role, String gun) throws KeysException {
    KeyBackend b = home(role);
    return new Located(b.generate(KeySpec.of(role, gun, Algorithm.ECDSA_P256)), b);
  }

  /** All root keys, in search order. */
  public List<Located> rootKeys() throws KeysException {
    List<Located> out = new ArrayList<>();
    for (KeyBackend b : backends()) {
      for (KeyInfo k : b.list().keys()) {
        if (k.role().isRoot()) {
          out.add(new Located(k, b));
        }
      }
    }
    return out;
  }

  /**
   * The root key to use for a new repository: the one named, else the first root key of any back
   * end, else a new one in {@link #rootHome}.
   */
  public Located findOrCreateRootKey(Optional<KeyId> wanted) throws KeysException {
    if (wanted.isPresent()) {
      Optional<Located> found = find(wanted.get());
      if (found.isEmpty()) {
        throw new KeyNotFoundException(
            wanted.get().hex(), "no root key with that ID in " + describeAll());
      }
      Located l = found.get();
      if (!l.key().role().isRoot()) {
        throw new UsageException(
            "key " + wanted.get().shortId() + " is a " + l.key().role() + " key, not a root key");
      }
      return l;
    }
    List<Located> roots = rootKeys();
    if (!roots.isEmpty()) {
      return roots.get(0);
    }
    return create(Role.ROOT, "");
  }

  /**
   * A signer for the key with this ID, found as {@link #lookup} finds it; {@code what} names it in
   * the error when no back end holds it.
   */
  public Signer signer(KeyId id, String what) throws KeysException {
    Optional<Located> l = lookup(id);
    if (l.isEmpty()) {
      throw new KeyNotFoundException(id.hex(), what + " is in none of: " + describeAll());
    }
    return l.get().signer();
  }

  /**
   * The back ends, as messages name them: "YubiKey 123, trust directory /home/me/.docker/trust".
   */
  public String describeAll() throws KeysException {
    List<String> d = new ArrayList<>();
    for (KeyBackend b : backends()) {
      d.add(b.describe());
    }
    return String.join(", ", d);
  }
}
