package dev.trustkeys.registry;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * {@code base64(user:password)} as Docker's {@code auth} entries and {@code NOTARY_AUTH} hold it.
 */
record UserPassword(String user, char[] password) {
  static UserPassword decode(String base64, String what) throws KeysException {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new KeysException(
          what + " is not base64 of user:password: log in again", ExitCode.USAGE);
    }
    try {
      CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(raw));
      int colon = -1;
      for (int i = chars.position(); i < chars.limit(); i++) {
        if (chars.get(i) == ':') {
          colon = i;
          break;
        }
      }
      try {
        if (colon <= 0) {
          throw new KeysException(
              what + " is not base64 of user:password (no user name): log in again",
              ExitCode.USAGE);
        }
        String user = chars.subSequence(0, colon).toString();
        int end = chars.limit();
        while (end > colon + 1 && (chars.get(end - 1) == '\0')) {
          end--;
        }
        char[] pw = new char[end - colon - 1];
        for (int i = 0; i < pw.length; i++) {
          pw[i] = chars.get(colon + 1 + i);
        }
        return new UserPassword(user, pw);
      } finally {
        if (chars.hasArray()) {
          Arrays.fill(chars.array(), '\0');
        }
      }
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "UserPassword[" + user + "]";
  }
}
