package dev.trustkeys.simulator.piv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The simulator's stand-in for Yubico's PIV attestation PKI: a root CA (RSA 2048) that issues the
 * card's attestation certificate (slot F9, RSA 2048, {@code CN=Yubico PIV Attestation}). Tests
 * trust the root by reading {@link #rootCertificate()}; it is NOT the real Yubico root, so
 * real-world verifiers reject it.
 */
public final class AttestationAuthority {
  public static final String ROOT_SUBJECT =
      "CN=Virtual YubiKey PIV Root CA (simulator - not Yubico)";
  public static final String DEVICE_SUBJECT = "CN=Yubico PIV Attestation";

  private final PrivateKey rootKey;
  private final byte[] rootCertDer;
  private final SlotKey deviceKey;
  private final byte[] deviceCertDer;

  AttestationAuthority(
      PrivateKey rootKey, byte[] rootCertDer, SlotKey deviceKey, byte[] deviceCertDer) {
    this.rootKey = rootKey;
    this.rootCertDer = rootCertDer.clone();
    this.deviceKey = deviceKey;
    this.deviceCertDer = deviceCertDer == null ? null : deviceCertDer.clone();
  }

  static AttestationAuthority create(int serial) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair root = g.generateKeyPair();
      KeyPair device = g.generateKeyPair();
      Instant now = Instant.now();
      Date from = Date.from(now.minus(Duration.ofDays(1)));
      Date to = Date.from(now.plus(Duration.ofDays(365L * 30)));
      X500Name rootName = new X500Name(ROOT_SUBJECT);
      X509v3CertificateBuilder rb =
          new JcaX509v3CertificateBuilder(
              rootName, randomSerial(), from, to, rootName, root.getPublic());
      rb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      rb.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      byte[] rootDer =
          rb.build(new JcaContentSignerBuilder("SHA256withRSA").build(root.getPrivate()))
              .getEncoded();
      X509v3CertificateBuilder db =
          new JcaX509v3CertificateBuilder(
              rootName, randomSerial(), from, to, new X500Name(DEVICE_SUBJECT), device.getPublic());
      db.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      db.addExtension(Attestation.OID_FIRMWARE, false, Attestation.FIRMWARE);
      db.addExtension(Attestation.OID_SERIAL, false, Attestation.serialValue(serial));
      byte[] deviceDer =
          db.build(new JcaContentSignerBuilder("SHA256withRSA").build(root.getPrivate()))
              .getEncoded();
      SlotKey f9 = new SlotKey(KeyType.RSA2048, device, PinPolicy.NEVER, TouchPolicy.NEVER, true);
      return new AttestationAuthority(root.getPrivate(), rootDer, f9, deviceDer);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot create the simulator attestation CA", e);
    }
  }

  static BigInteger randomSerial() {
    return new BigInteger(127, new SecureRandom()).setBit(126);
  }

  PrivateKey rootKey() {
    return rootKey;
  }

  SlotKey deviceKey() {
    return deviceKey;
  }

  byte[] deviceCertificateDer() {
    return deviceCertDer.clone();
  }

  public byte[] rootCertificateDer() {
    return rootCertDer.clone();
  }

  public X509Certificate rootCertificate() {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new java.io.ByteArrayInputStream(rootCertDer));
    } catch (CertificateException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }

  @Override
  public String toString() {
    return "AttestationAuthority[" + ROOT_SUBJECT + "]";
  }
}
