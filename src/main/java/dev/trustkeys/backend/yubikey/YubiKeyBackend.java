package dev.trustkeys.backend.yubikey;

import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.backend.file.KeyMaterial;
import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.KeyLocation;
import dev.trustkeys.core.KeyNotFoundException;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.PublicKeys;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.secret.SecretProvider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keys in the PIV slots 9c, 9a, 9d, 9e of one YubiKey (in that order of preference, as Notary with
 * ykcs11 2.x): each key has a self-signed certificate {@code CN=<role>} in its slot, so that Notary
 * sees it too. New keys are made on the host, imported and backed up as an encrypted file (Notary's
 * way: if the backup cannot be written the key is wiped from the YubiKey again), or with {@link
 * YubiKeyOptions#onDevice()} generated on the YubiKey and attested. Signing needs the PIN (see
 * {@link PinEntry}) and, if the key's touch policy says so, a touch.
 */
public final class YubiKeyBackend implements KeyBackend {
  private final YubiKeys keys;
  private final YubiKeyDevice device;
  private final SecretProvider secrets;
  private final KeyFileStore backup;
  private final AttestationStore attestations;
  private final YubiKeyUser user;
  private final YubiKeyOptions options;
  private final Clock clock;

  /** What each slot read so far holds (empty: no TUF key), in {@link Slot#ROOT_KEY_ORDER}. */
  private final Map<Slot, Optional<SlotKey>> read = new LinkedHashMap<>();

  /**
   * A key found in a slot; its {@link KeyInfo} is made when asked for, with the serial if it is
   * known by then.
   */
  record SlotKey(
      Slot slot,
      KeyId id,
      Algorithm algorithm,
      PublicKey publicKey,
      SlotCertificate.Described described) {}

  public YubiKeyBackend(
      YubiKeys keys,
      YubiKeyDevice device,
      SecretProvider secrets,
      KeyFileStore backup,
      AttestationStore attestations,
      YubiKeyUser user,
      YubiKeyOptions options,
      Clock clock) {
    this.keys = keys;
    this.device = device;
    this.secrets = secrets;
    this.backup = backup;
    this.attestations = attestations;
    this.user = user;
    this.options = options;
    this.clock = clock;
  }

  public YubiKeyDevice device() {
    return device;
  }

  /**
   * Keys made on the host have an encrypted backup file; keys generated on the device have none.
   */
  @Override
  public boolean newKeysNeedPassphrase() {
    return !options.onDevice() && backup != null;
  }

  @Override
  public String describe() {
    return device.name();
  }

  /**
   * {@code yubikey:serial=N;slot=9c}. Where the serial has not been read ({@link #lookup} on the
   * only YubiKey, to sign), {@code yubikey:slot=9c}: that slot of the one YubiKey plugged in.
   */
  KeyLocation location(Slot slot) {
    java.util.OptionalInt serial = device.knownSerial();
    return KeyLocation.onDevice(
        YubiKeyProvider.SCHEME,
        "yubikey:"
            + (serial.isPresent() ? "serial=" + serial.getAsInt() + ";" : "")
            + "slot="
            + slot.hex());
  }

  KeyInfo info(SlotKey k) {
    return new KeyInfo(
        k.id(), k.described().role(), k.described().gun(), k.algorithm(), location(k.slot()));
  }

  /**
   * The TUF keys in slots 9c, 9a, 9d. A YubiKey that stops answering (pulled out after it was
   * found) does not break a listing: it shows up as unreadable.
   */
  @Override
  public KeyListing list() throws KeysException {
    List<KeyInfo> out = new ArrayList<>();
    try {
      device.serial();
      for (SlotKey k : slots().values()) {
        out.add(info(k));
      }
    } catch (YubiKeyException e) {
      java.util.OptionalInt serial = device.knownSerial();
      String where =
          serial.isPresent() ? "serial=" + serial.getAsInt() : "reader=" + device.reader();
      return new KeyListing(
          List.of(), List.of(new KeyListing.Unreadable("yubikey:" + where, e.getMessage())));
    }
    return new KeyListing(out, List.of());
  }

  /**
   * The key with this ID, reading slot after slot (9c first, where Notary keeps the root key) only
   * until it is found: one GET DATA per slot (two for a certificate over 256 bytes), and no serial
   * number. A YubiKey that cannot be read holds nothing here, as in {@link #list()}.
   */
  @Override
  public Optional<KeyInfo> lookup(KeyId id) throws KeysException {
    try {
      return slotKey(id).map(this::info);
    } catch (YubiKeyException e) {
      return Optional.empty();
    }
  }

  private Optional<SlotKey> slotKey(KeyId id) throws KeysException {
    for (Slot slot : Slot.ROOT_KEY_ORDER) {
      Optional<SlotKey> k = slot(slot);
      if (k.isPresent() && k.get().id().equals(id)) {
        return k;
      }
    }
    return Optional.empty();
  }

  /** Every TUF key on the card by ID (a key in two slots: the first). */
  private Map<KeyId, SlotKey> slots() throws KeysException {
    Map<KeyId, SlotKey> found = new LinkedHashMap<>();
    for (Slot slot : Slot.ROOT_KEY_ORDER) {
      Optional<SlotKey> k = slot(slot);
      if (k.isPresent()) {
        found.putIfAbsent(k.get().id(), k.get());
      }
    }
    return found;
  }

  private Optional<SlotKey> slot(Slot slot) throws KeysException {
    Optional<SlotKey> known = read.get(slot);
    if (known != null) {
      return known;
    }
    Optional<SlotKey> k = readSlot(keys.session(device), slot);
    read.put(slot, k);
    return k;
  }

  private static Optional<SlotKey> readSlot(PivSession s, Slot slot) throws KeysException {
    Optional<X509Certificate> cert = s.readCertificate(slot);
    if (cert.isEmpty()) {
      return Optional.empty();
    }
    PublicKey pub = cert.get().getPublicKey();
    Optional<SlotCertificate.Described> d = SlotCertificate.describe(cert.get(), slot);
    if (d.isEmpty() || !"EC".equals(pub.getAlgorithm())) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SlotKey(
              slot, NotaryKeyNaming.INSTANCE.idOf(pub), PublicKeys.algorithmOf(pub), pub, d.get()));
    } catch (KeysException e) {
      return Optional.empty();
    }
  }

  /** The key of keys in {@code slot}, if it holds one. */
  public Optional<KeyInfo> inSlot(Slot slot) throws KeysException {
    return slot(slot).map(this::info);
  }

  /** The slot holding key {@code id}. */
  public Optional<Slot> slotOf(KeyId id) throws KeysException {
    return slotKey(id).map(SlotKey::slot);
  }

  @Override
  public KeyInfo generate(KeySpec spec) throws KeysException {
    if (spec.algorithm() != Algorithm.ECDSA_P256) {
      throw new dev.trustkeys.core.UsageException(
          "a YubiKey 4 holds TUF keys as ECDSA P-256 only (Notary's"
              + " YubiKey store is P-256 only)",
          Remedy.of(Remedy.Kind.USE_ECDSA));
    }
    device.serial(); // for the new key's location; before authenticating (a YubiKey 4 leaves PIV to
    // read it)
    Slot slot = freeSlot();
    PivSession s = keys.session(device);
    authenticate(s);
    read.clear();
    KeyInfo info =
        options.onDevice() ? generateOnDevice(s, slot, spec) : importWithBackup(s, slot, spec);
    read.clear();
    return info;
  }

  private Slot freeSlot() throws KeysException {
    PivSession s = keys.session(device);
    for (Slot slot : Slot.ROOT_KEY_ORDER) {
      if (s.readCertificate(slot).isEmpty()) {
        return slot;
      }
    }
    throw new YubiKeyException(
        device.name() + " has no free slot (9c, 9a, 9d and 9e hold" + " certificates)",
        ExitCode.CONFLICT,
        Remedy.of(Remedy.Kind.FREE_A_SLOT));
  }

  /**
   * Notary's way: generate on the host, import, certificate, then the encrypted backup file; undo
   * on failure.
   */
  private KeyInfo importWithBackup(PivSession s, Slot slot, KeySpec spec) throws KeysException {
    try (KeyMaterial m = KeyFileStore.newKey(Algorithm.ECDSA_P256)) {
      s.importKey(slot, (ECPrivateKey) m.privateKey(), options.pinPolicy(), options.touchPolicy());
      try {
        X509Certificate cert =
            SlotCertificate.create(
                spec.role(),
                spec.gun(),
                m.publicKey(),
                options.pinPolicy(),
                options.touchPolicy(),
                digest -> hostSign(m, digest),
                clock.instant());
        s.writeCertificate(slot, cert);
        if (backup != null) {
          backup.store(m, spec.role(), spec.gun());
        }
      } catch (KeysException | CertificateException | RuntimeException e) {
        Undo undone = wipe(s, slot);
        if (e instanceof KeysException) {
          throw new KeysException(
              "the backup copy of the new "
                  + spec.role()
                  + " key could not be written ("
                  + e.getMessage()
                  + "); "
                  + undone.what(),
              ((KeysException) e).exitCode(),
              undone.remedy((KeysException) e),
              e);
        }
        throw new YubiKeyException(
            "cannot put the new key on "
                + device.name()
                + ": "
                + e.getMessage()
                + "; "
                + undone.what(),
            ExitCode.DEVICE,
            undone.remedy(null));
      }
      return new KeyInfo(m.id(), spec.role(), spec.gun(), Algorithm.ECDSA_P256, location(slot));
    }
  }

  private static byte[] hostSign(KeyMaterial m, byte[] digest) throws Exception {
    Signature sig = Signature.getInstance("NONEwithECDSA");
    sig.initSign(m.privateKey());
    sig.update(digest);
    return sig.sign();
  }

  /**
   * Generated on the YubiKey, never exportable; attested and the attestation kept in the trust
   * directory.
   */
  private KeyInfo generateOnDevice(PivSession s, Slot slot, KeySpec spec) throws KeysException {
    PublicKey pub =
        s.generateKey(slot, KeyType.ECCP256, options.pinPolicy(), options.touchPolicy());
    try {
      X509Certificate attestation = s.attestKey(slot);
      X509Certificate issuer =
          s.attestationIssuer()
              .orElseThrow(
                  () ->
                      new YubiKeyException(
                          device.name() + " has no attestation certificate in slot f9",
                          ExitCode.VERIFICATION_FAILED));
      AttestationCheck.Result r =
          AttestationCheck.verify(
              attestation, issuer, pub, device.serial(), options.attestationRoots());
      if (!r.rootVerified()) {
        user.warn(
            "the attestation was checked up to the YubiKey's own attestation certificate only",
            Remedy.of(Remedy.Kind.CHECK_WHOLE_ATTESTATION_CHAIN));
      }
      X509Certificate cert =
          SlotCertificate.create(
              spec.role(),
              spec.gun(),
              pub,
              options.pinPolicy(),
              options.touchPolicy(),
              digest -> deviceSign(s, slot, digest, effectiveTouch(attestation)),
              clock.instant());
      s.writeCertificate(slot, cert);
      KeyId id = NotaryKeyNaming.INSTANCE.idOf(pub);
      attestations.save(id, attestation, issuer);
      return new KeyInfo(id, spec.role(), spec.gun(), Algorithm.ECDSA_P256, location(slot));
    } catch (KeysException | CertificateException | RuntimeException e) {
      Undo undone = wipe(s, slot);
      if (e instanceof KeysException) {
        throw new KeysException(
            e.getMessage() + "; " + undone.what(),
            ((KeysException) e).exitCode(),
            undone.remedy((KeysException) e),
            e);
      }
      throw new YubiKeyException(
          "cannot finish the key generated on "
              + device.name()
              + ": "
              + e.getMessage()
              + "; "
              + undone.what(),
          ExitCode.DEVICE,
          undone.remedy(null));
    }
  }

  private TouchPolicy effectiveTouch(X509Certificate attestation) {
    return SlotCertificate.attestedTouch(attestation).orElse(options.touchPolicy());
  }

  private byte[] deviceSign(PivSession s, Slot slot, byte[] digest, TouchPolicy touch)
      throws KeysException {
    PinEntry.verify(
        s,
        device,
        secrets,
        user,
        options.allowLastPinTry(),
        options.pinPolicy().effective(slot) == PinPolicy.ALWAYS);
    if (touch.needsTouch()) {
      user.say(touchPrompt(slot));
    }
    return s.signDigest(slot, digest);
  }

  /** "Touch your YubiKey (serial N) now: ...", without the serial when it was not needed so far. */
  private String touchPrompt(Slot slot) {
    java.util.OptionalInt serial = device.knownSerial();
    return "Touch your YubiKey"
        + (serial.isPresent() ? " (serial " + serial.getAsInt() + ")" : "")
        + " now: it is waiting to sign with the key in slot "
        + slot.hex();
  }

  /**
   * Destroys what is in {@code slot}: overwrites the key with a throwaway one and deletes the
   * certificate.
   */
  private Undo wipe(PivSession s, Slot slot) {
    try {
      try (KeyMaterial junk = KeyFileStore.newKey(Algorithm.ECDSA_P256)) {
        s.importKey(slot, (ECPrivateKey) junk.privateKey(), PinPolicy.DEFAULT, TouchPolicy.DEFAULT);
      }
      s.deleteCertificate(slot);
      return new Undo(
          "the key was removed from " + device.name() + " again (slot " + slot.hex() + ")", false);
    } catch (KeysException | RuntimeException e) {
      return new Undo(
          "removing it from slot "
              + slot.hex()
              + " of "
              + device.name()
              + " failed too ("
              + e.getMessage()
              + ")",
          true);
    }
  }

  /** What undoing a half-made key did, and whether the slot is left to clear by hand. */
  private record Undo(String what, boolean failed) {
    /** Clearing the slot by hand when undoing failed, else what would fix {@code cause}. */
    Remedy remedy(KeysException cause) {
      if (failed) {
        return Remedy.of(Remedy.Kind.CLEAR_SLOT_BY_HAND);
      }
      return cause == null ? null : cause.remedy().orElse(null);
    }
  }

  private void authenticate(PivSession s) throws KeysException {
    ManagementKeyAuth.authenticate(s, device, secrets, user);
  }

  @Override
  public Signer signer(KeyId id) throws KeysException {
    SlotKey k =
        slotKey(id)
            .orElseThrow(() -> new KeyNotFoundException(id.hex(), "it is not on " + device.name()));
    return new YubiKeySigner(
        info(k),
        k.publicKey(),
        k.slot(),
        k.described().pinPolicy(),
        k.described().touchPolicy(),
        this);
  }

  /**
   * Used by {@link YubiKeySigner}: PIN if needed, touch prompt if needed, sign. With PIN policy
   * "once", the PIN this session verified for an earlier signature is relied on without asking the
   * card (the signature is then one APDU); if the card refuses because another program using it
   * left PIV in between, the PIN is verified again, as the first time, and the signature made once
   * more.
   */
  byte[] sign(Slot slot, PinPolicy pin, TouchPolicy touch, byte[] digest) throws KeysException {
    PivSession s = keys.session(device);
    boolean reliedOnSession = pin == PinPolicy.ONCE && s.pinVerified();
    try {
      return verifyAndSign(s, slot, pin, touch, digest);
    } catch (YubiKeyException e) {
      // the card still holding the PIN verified: it was the touch, not the PIN
      if (!reliedOnSession || e.exitCode() != ExitCode.WRONG_SECRET || s.getPinAttempts() < 0) {
        throw e;
      }
      return verifyAndSign(s, slot, pin, touch, digest);
    }
  }

  private byte[] verifyAndSign(
      PivSession s, Slot slot, PinPolicy pin, TouchPolicy touch, byte[] digest)
      throws KeysException {
    if (pin != PinPolicy.NEVER) {
      PinEntry.verify(s, device, secrets, user, options.allowLastPinTry(), pin == PinPolicy.ALWAYS);
    }
    if (touch.needsTouch()) {
      user.say(touchPrompt(slot));
    }
    return s.signDigest(slot, digest);
  }

  @Override
  public void remove(KeyId id) throws KeysException {
    device.serial();
    SlotKey k =
        slotKey(id)
            .orElseThrow(() -> new KeyNotFoundException(id.hex(), "it is not on " + device.name()));
    PivSession s = keys.session(device);
    authenticate(s);
    try (KeyMaterial junk = KeyFileStore.newKey(Algorithm.ECDSA_P256)) {
      s.importKey(
          k.slot(), (ECPrivateKey) junk.privateKey(), PinPolicy.DEFAULT, TouchPolicy.DEFAULT);
    }
    s.deleteCertificate(k.slot());
    read.clear();
  }

  /** What one slot holds, for {@code keys yubikey status}. */
  public record SlotStatus(Slot slot, KeyInfo key, PinPolicy pinPolicy, TouchPolicy touchPolicy) {}

  /**
   * The TUF keys in slots 9c, 9a, 9d, 9e with their policies (as recorded in their certificates).
   */
  public List<SlotStatus> slotStatus() throws KeysException {
    device.serial();
    List<SlotStatus> out = new ArrayList<>();
    for (SlotKey k : slots().values()) {
      out.add(
          new SlotStatus(
              k.slot(), info(k), k.described().pinPolicy(), k.described().touchPolicy()));
    }
    return out;
  }

  /**
   * Whether the card still accepts the factory management key (free to test: it has no retry
   * counter).
   */
  public boolean hasFactoryManagementKey() throws KeysException {
    try (ManagementKey factory = ManagementKey.factoryDefault()) {
      return keys.session(device).authenticate(factory);
    }
  }

  @Override
  public String toString() {
    return "YubiKeyBackend[" + device.name() + "]";
  }
}
