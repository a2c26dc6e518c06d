package dev.trustkeys.simulator;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Puts a {@link VirtualYubiKey} behind vpcd's socket protocol. The card listens on 127.0.0.1 only;
 * vpcd (with {@code DEVICENAME 127.0.0.1:PORT}) connects out to it. Each message is a 2-byte
 * big-endian length plus bytes; 1-byte messages are controls (00 off, 01 on, 02 reset, 04 ATR).
 *
 * <p>Debian's vpcd 3.3 aborts pcscd ("bit out of range 0 - FD_SETSIZE") when, in connect-out mode,
 * the card side closes or refuses the connection, so this endpoint never closes a vpcd connection
 * while it runs: with no YubiKey (none configured, or removed) it serves a {@link BlankCard}.
 */
public final class VpcdCardEndpoint implements Closeable {
  private final ServerSocket server;
  private final VirtualYubiKey card;
  private final Thread acceptor;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  public VpcdCardEndpoint(int port, VirtualYubiKey card) throws IOException {
    this.card = card;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4);
    this.acceptor = new Thread(this::acceptLoop, "vpcd-card-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The YubiKey served here, or null for a slot that always holds the blank card. */
  public VirtualYubiKey card() {
    return card;
  }

  private VirtualCard current() {
    return card != null && card.isPresent() ? card : BlankCard.INSTANCE;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closed) {
          System.err.println(
              "virtual YubiKey: accept failed on port " + port() + ": " + e.getMessage());
        }
        return;
      }
      connections.add(s);
      Thread t = new Thread(() -> serve(s), "vpcd-conn-" + port());
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      while (!closed) {
        quickAck(s);
        int len = in.readUnsignedShort();
        quickAck(s);
        byte[] msg = new byte[len];
        in.readFully(msg);
        VirtualCard c = current();
        if (len == 1) {
          switch (msg[0]) {
            case 0:
              c.powerOff();
              break;
            case 1:
              c.powerOn();
              break;
            case 2:
              c.reset();
              break;
            case 4:
              write(out, c.atr());
              break;
            default:
              break;
          }
        } else if (len > 1) {
          write(out, c.transmit(msg));
        }
      }
    } catch (EOFException | SocketException e) {
      // vpcd closed the connection (pcscd stopped)
    } catch (IOException e) {
      System.err.println(
          "virtual YubiKey: connection error on port " + port() + ": " + e.getMessage());
    } finally {
      connections.remove(s);
    }
  }

  /**
   * vpcd 3.3 sends the 2-byte length and the APDU in two send() calls without TCP_NODELAY, so Nagle
   * holds the APDU back until the length is ACKed; with the default delayed ACK that costs ~40 ms
   * per APDU. Quick ACK (reset by the kernel after use, hence set before every read) removes the
   * stall.
   */
  private static void quickAck(Socket s) {
    try {
      if (s.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK)) {
        s.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // only a performance hint
    }
  }

  private static void write(DataOutputStream out, byte[] b) throws IOException {
    byte[] frame = new byte[b.length + 2];
    frame[0] = (byte) (b.length >> 8);
    frame[1] = (byte) b.length;
    System.arraycopy(b, 0, frame, 2, b.length);
    out.write(frame); // one segment: a split frame costs ~40 ms per APDU (Nagle + delayed ACK)
    out.flush();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : connections) {
      try {
        s.close();
      } catch (IOException e) {
        // ignore
      }
    }
  }

  @Override
  public String toString() {
    return "VpcdCardEndpoint[127.0.0.1:" + port() + ", " + card + "]";
  }
}
