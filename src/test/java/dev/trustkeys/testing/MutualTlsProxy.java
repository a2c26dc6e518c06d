package dev.trustkeys.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS front for a plain-HTTP server on 127.0.0.1 that admits only clients showing a certificate
 * from {@code ca}: how a Notary server is often deployed behind a reverse proxy that asks for
 * client certificates (mutual TLS). It forwards the bytes of each connection both ways, as stunnel
 * does; it is test infrastructure, not a peer.
 */
public final class MutualTlsProxy implements AutoCloseable {
  private final SSLServerSocket socket;
  private final int backendPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final List<String> clients = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private MutualTlsProxy(SSLServerSocket socket, int backendPort) {
    this.socket = socket;
    this.backendPort = backendPort;
    this.acceptor = new Thread(this::acceptLoop, "mutual-tls-proxy");
    this.acceptor.setDaemon(true);
  }

  /**
   * Listens on a free port of 127.0.0.1 with a server certificate for 127.0.0.1 from {@code ca}.
   */
  public static MutualTlsProxy start(TestCa ca, int backendPort)
      throws IOException, GeneralSecurityException {
    SSLContext tls = ca.serverContext(ca.server("mutual-tls-proxy", "127.0.0.1"), true);
    SSLServerSocket s = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
    s.setNeedClientAuth(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    MutualTlsProxy p = new MutualTlsProxy(s, backendPort);
    p.acceptor.start();
    return p;
  }

  public String url() {
    return "https://" + hostPort();
  }

  public String hostPort() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  /** The subjects of the client certificates that completed a handshake. */
  public List<String> clients() {
    return List.copyOf(clients);
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        SSLSocket client = (SSLSocket) socket.accept();
        open.add(client);
        Thread t = new Thread(() -> serve(client), "mutual-tls-proxy-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(SSLSocket client) {
    try (client;
        Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
      open.add(backend);
      client.startHandshake();
      clients.add(client.getSession().getPeerPrincipal().getName());
      Thread up = new Thread(() -> pipe(client, backend), "mutual-tls-proxy-up");
      up.setDaemon(true);
      up.start();
      pipe(backend, client);
      up.join(10_000);
    } catch (IOException e) {
      // a client without an acceptable certificate fails the handshake: that is the point
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pipe(Socket from, Socket to) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
      if (!(to instanceof SSLSocket)) {
        to.shutdownOutput();
      } else {
        to.close();
      }
    } catch (IOException e) {
      // one side closed
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
