package dev.trustkeys.notary;

/**
 * The natural order Docker sorts tags and signers by ({@code sortorder.NaturalLess}): runs of
 * digits compare as numbers (leading zeros aside; with equal values, fewer zeros first), digits
 * sort before other characters, other bytes compare as they are.
 */
public final class NaturalOrder {
  private NaturalOrder() {}

  /** Negative, zero or positive as {@code a} sorts before, with, or after {@code b}. */
  public static int compare(String a, String b) {
    if (less(a, b)) {
      return -1;
    }
    return less(b, a) ? 1 : 0;
  }

  static boolean less(String s1, String s2) {
    byte[] a = s1.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] b = s2.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      boolean d1 = digit(a[i]);
      boolean d2 = digit(b[j]);
      if (d1 != d2) {
        return d1;
      }
      if (!d1) {
        if (a[i] != b[j]) {
          return (a[i] & 0xff) < (b[j] & 0xff);
        }
        i++;
        j++;
        continue;
      }
      while (i < a.length && a[i] == '0') {
        i++;
      }
      while (j < b.length && b[j] == '0') {
        j++;
      }
      int nz1 = i;
      int nz2 = j;
      while (i < a.length && digit(a[i])) {
        i++;
      }
      while (j < b.length && digit(b[j])) {
        j++;
      }
      int len1 = i - nz1;
      int len2 = j - nz2;
      if (len1 != len2) {
        return len1 < len2;
      }
      int c = java.util.Arrays.compare(a, nz1, i, b, nz2, j);
      if (c != 0) {
        return c < 0;
      }
      if (nz1 != nz2) {
        return nz1 < nz2;
      }
    }
    return a.length < b.length;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }
}
