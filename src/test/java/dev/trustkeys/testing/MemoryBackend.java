package dev.trustkeys.testing;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.KeyLocation;
import dev.trustkeys.core.KeyNotFoundException;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.Signer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A test-only key back end holding JCA key pairs in memory. */
public final class MemoryBackend implements KeyBackend {
  private final String name;
  private final Map<KeyId, Entry> keys = new LinkedHashMap<>();
  private int signatures;

  private record Entry(KeyInfo info, KeyPair pair) {}

  public MemoryBackend(String name) {
    this.name = name;
  }

  @Override
  public String describe() {
    return "memory " + name;
  }

  @Override
  public KeyListing list() {
    List<KeyInfo> l = new ArrayList<>();
    keys.values().forEach(e -> l.add(e.info));
    return new KeyListing(l, List.of());
  }

  @Override
  public KeyInfo generate(KeySpec spec) throws KeysException {
    try {
      KeyPair kp;
      if (spec.algorithm() == Algorithm.ED25519) {
        kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      } else if (spec.algorithm() == Algorithm.ECDSA_P256) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        kp = g.generateKeyPair();
      } else {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(spec.algorithm().bits());
        kp = g.generateKeyPair();
      }
      return add(kp, spec);
    } catch (GeneralSecurityException e) {
      throw new KeysException("cannot generate: " + e.getMessage(), e);
    }
  }

  public KeyInfo add(KeyPair kp, KeySpec spec) {
    KeyId id = NotaryKeyNaming.INSTANCE.idOf(kp.getPublic());
    KeyInfo info =
        new KeyInfo(
            id, spec.role(), spec.gun(), spec.algorithm(), KeyLocation.file("memory:" + name));
    keys.put(id, new Entry(info, kp));
    return info;
  }

  /** The key pair of key {@code id} (to hold the same key in a second back end). */
  public KeyPair keyPair(KeyId id) {
    return keys.get(id).pair;
  }

  public int signatureCount() {
    return signatures;
  }

  @Override
  public Signer signer(KeyId id) throws KeysException {
    Entry e = keys.get(id);
    if (e == null) {
      throw new KeyNotFoundException(id.hex(), "not in " + describe());
    }
    return new Signer() {
      @Override
      public KeyInfo key() {
        return e.info;
      }

      @Override
      public PublicKey publicKey() {
        return e.pair.getPublic();
      }

      @Override
      public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.of(e.info.algorithm());
      }

      @Override
      public SignatureValue sign(byte[] message) throws KeysException {
        signatures++;
        try {
          Signature s = algorithm().newSignature(null);
          s.initSign(e.pair.getPrivate());
          s.update(message);
          return new SignatureValue(algorithm(), s.sign());
        } catch (GeneralSecurityException ex) {
          throw new KeysException("sign failed: " + ex.getMessage(), ex);
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void remove(KeyId id) throws KeysException {
    if (keys.remove(id) == null) {
      throw new KeyNotFoundException(id.hex(), "not in " + describe());
    }
  }
}
