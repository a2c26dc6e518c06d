package dev.trustkeys.simulator.piv;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Minimal BER-TLV helpers (one-byte tags except 7F49/5Fxx handled by callers; lengths 1, 81, 82).
 */
public final class Tlv {
  private Tlv() {}

  public static byte[] encode(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
    if (tag > 0xFF) {
      out.write(tag >> 8);
    }
    out.write(tag & 0xFF);
    writeLength(out, value.length);
    out.write(value, 0, value.length);
    return out.toByteArray();
  }

  public static void writeLength(ByteArrayOutputStream out, int len) {
    if (len < 0x80) {
      out.write(len);
    } else if (len <= 0xFF) {
      out.write(0x81);
      out.write(len);
    } else {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len & 0xFF);
    }
  }

  /**
   * Parses a sequence of one-byte-tag TLVs. Later duplicates overwrite earlier ones.
   *
   * @throws IllegalArgumentException on malformed input
   */
  public static Map<Integer, byte[]> parse(byte[] data, int off, int end) {
    Map<Integer, byte[]> result = new LinkedHashMap<>();
    int p = off;
    while (p < end) {
      int tag = data[p++] & 0xFF;
      int[] lenAndPos = readLength(data, p, end);
      int len = lenAndPos[0];
      p = lenAndPos[1];
      if (p + len > end) {
        throw new IllegalArgumentException("TLV value overruns buffer");
      }
      byte[] v = new byte[len];
      System.arraycopy(data, p, v, 0, len);
      result.put(tag, v);
      p += len;
    }
    return result;
  }

  public static Map<Integer, byte[]> parse(byte[] data) {
    return parse(data, 0, data.length);
  }

  /** Returns {length, position after the length bytes}. */
  public static int[] readLength(byte[] data, int p, int end) {
    if (p >= end) {
      throw new IllegalArgumentException("missing TLV length");
    }
    int b = data[p++] & 0xFF;
    if (b < 0x80) {
      return new int[] {b, p};
    }
    if (b == 0x81 && p + 1 <= end) {
      return new int[] {data[p] & 0xFF, p + 1};
    }
    if (b == 0x82 && p + 2 <= end) {
      return new int[] {((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF), p + 2};
    }
    throw new IllegalArgumentException("bad TLV length");
  }

  /**
   * Unwraps a single outer TLV with the given tag; throws when the tag or length does not match
   * exactly.
   */
  public static byte[] unwrap(int tag, byte[] data) {
    if (data.length < 2 || (data[0] & 0xFF) != tag) {
      throw new IllegalArgumentException("expected tag " + Integer.toHexString(tag));
    }
    int[] lp = readLength(data, 1, data.length);
    if (lp[1] + lp[0] != data.length) {
      throw new IllegalArgumentException("outer length mismatch");
    }
    byte[] v = new byte[lp[0]];
    System.arraycopy(data, lp[1], v, 0, lp[0]);
    return v;
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }
}
