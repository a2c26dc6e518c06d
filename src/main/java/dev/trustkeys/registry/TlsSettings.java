package dev.trustkeys.registry;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which certificates a client trusts and shows: CA files (added to the system's CAs as Docker does
 * with {@code tls/<host:port>/*.crt}, or trusted alone as Notary does with {@code --tlscacert} and
 * {@code root_ca}), and an optional client certificate and key for mutual TLS. {@link
 * #dockerCaFile()} is where Docker looks for this server's CA, for remedies.
 */
public final class TlsSettings {
  private final List<Path> caFiles;
  private final boolean onlyTheseCas;
  private final Path clientCert;
  private final Path clientKey;
  private final Path dockerCaFile;

  private TlsSettings(
      List<Path> caFiles,
      boolean onlyTheseCas,
      Path clientCert,
      Path clientKey,
      Path dockerCaFile) {
    this.caFiles = List.copyOf(caFiles);
    this.onlyTheseCas = onlyTheseCas;
    this.clientCert = clientCert;
    this.clientKey = clientKey;
    this.dockerCaFile = dockerCaFile;
  }

  /** The system's CAs only, no client certificate. */
  public static TlsSettings system() {
    return new TlsSettings(List.of(), false, null, null, null);
  }

  /**
   * @param onlyTheseCas trust only {@code caFiles} (Notary's {@code root_ca}), not the system's CAs
   *     as well
   * @param dockerCaFile where Docker looks for this server's CA ({@code
   *     ~/.docker/tls/HOST:PORT/ca.crt}), for remedies; null if nowhere
   */
  public static TlsSettings of(
      List<Path> caFiles, boolean onlyTheseCas, Path clientCert, Path clientKey, Path dockerCaFile)
      throws KeysException {
    if ((clientCert == null) != (clientKey == null)) {
      throw new KeysException(
          "a client certificate needs its key and the key its certificate",
          ExitCode.USAGE,
          dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.GIVE_CERTIFICATE_AND_KEY),
          null);
    }
    return new TlsSettings(
        caFiles, onlyTheseCas && !caFiles.isEmpty(), clientCert, clientKey, dockerCaFile);
  }

  public List<Path> caFiles() {
    return caFiles;
  }

  public boolean onlyTheseCas() {
    return onlyTheseCas;
  }

  public Optional<Path> clientCertificate() {
    return Optional.ofNullable(clientCert);
  }

  public Optional<Path> clientKey() {
    return Optional.ofNullable(clientKey);
  }

  /** Where Docker looks for this server's CA, if anywhere: for remedies. */
  public Optional<Path> dockerCaFile() {
    return Optional.ofNullable(dockerCaFile);
  }

  /** The trust manager that checks servers: PKIX over the system's CAs and/or the CA files. */
  X509ExtendedTrustManager trustManager() throws KeysException {
    try {
      KeyStore anchors = null;
      if (!caFiles.isEmpty()) {
        anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        int n = 0;
        if (!onlyTheseCas) {
          for (X509Certificate c : systemCas()) {
            anchors.setCertificateEntry("system-" + n++, c);
          }
        }
        for (Path f : caFiles) {
          Collection<X509Certificate> certs = certificates(f);
          if (certs.isEmpty()) {
            throw new KeysException(
                f + " holds no PEM certificate: give the CA's certificate", ExitCode.USAGE);
          }
          for (X509Certificate c : certs) {
            anchors.setCertificateEntry("ca-" + n++, c);
          }
        }
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(anchors);
      return (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
    } catch (GeneralSecurityException | IOException e) {
      throw new KeysException("cannot set up TLS trust from " + caFiles + ": " + e.getMessage(), e);
    }
  }

  /**
   * An SSL context that checks servers with {@code trust} and shows the client certificate, if any.
   */
  SSLContext context(X509ExtendedTrustManager trust) throws KeysException {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(
          clientCert == null ? null : keyManagers(),
          new javax.net.ssl.TrustManager[] {trust},
          null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new KeysException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private javax.net.ssl.KeyManager[] keyManagers() throws KeysException, GeneralSecurityException {
    List<X509Certificate> chain = new ArrayList<>(certificates(clientCert));
    if (chain.isEmpty()) {
      throw new KeysException(
          clientCert + " holds no PEM certificate: give the client certificate", ExitCode.USAGE);
    }
    PrivateKey key = PemPrivateKeys.read(clientKey);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    char[] none = new char[0];
    ks.setKeyEntry("client", key, none, chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, none);
    return kmf.getKeyManagers();
  }

  static Collection<X509Certificate> certificates(Path f) throws KeysException {
    try (InputStream in = Files.newInputStream(f)) {
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
      return out;
    } catch (IOException e) {
      throw new KeysException(
          "cannot read the certificate file " + f + ": " + e.getMessage(), ExitCode.NOT_FOUND, e);
    } catch (GeneralSecurityException e) {
      throw new KeysException(
          f + " is not a PEM certificate file (" + e.getMessage() + ")", ExitCode.USAGE, e);
    }
  }

  private static List<X509Certificate> systemCas() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    return List.of(((X509ExtendedTrustManager) tmf.getTrustManagers()[0]).getAcceptedIssuers());
  }

  @Override
  public String toString() {
    return "TlsSettings[cas="
        + caFiles
        + (onlyTheseCas ? " only" : " + system")
        + ", client="
        + clientCert
        + "]";
  }
}
