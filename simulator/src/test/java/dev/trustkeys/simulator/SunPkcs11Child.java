package dev.trustkeys.simulator;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;

/**
 * Runs in a child JVM whose environment carries PCSCLITE_CSOCK_NAME (the parent JVM cannot change
 * its own). JDK only. Args: library alias message. PIN from env SIM_PIN. Signs with SunPKCS11 over
 * ykcs11, verifies the signature in software against the slot certificate, prints aliases and "SIG
 * <base64 DER>".
 */
public final class SunPkcs11Child {
  private SunPkcs11Child() {}

  public static void main(String[] args) throws Exception {
    Provider p =
        Security.getProvider("SunPKCS11")
            .configure("--name=vyk\nlibrary=" + args[0] + "\nslotListIndex=0\n");
    Security.addProvider(p);
    char[] pin = System.getenv("SIM_PIN").toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS11", p);
    ks.load(null, pin);
    java.util.Arrays.fill(pin, '\0');
    System.out.println("ALIASES " + Collections.list(ks.aliases()));
    PrivateKey key = (PrivateKey) ks.getKey(args[1], null);
    Certificate cert = ks.getCertificate(args[1]);
    Signature s = Signature.getInstance("SHA256withECDSA", p);
    s.initSign(key);
    s.update(args[2].getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] sig = s.sign();
    Signature v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(cert.getPublicKey());
    v.update(args[2].getBytes(java.nio.charset.StandardCharsets.UTF_8));
    System.out.println("VERIFIED " + v.verify(sig));
    System.out.println("SIG " + Base64.getEncoder().encodeToString(sig));
  }
}
