package dev.trustkeys.backend.yubikey;

/** A YubiKey firmware version, as the device and its attestations report it: {@code 5.7.1}. */
public record Firmware(int major, int minor, int patch) implements Comparable<Firmware> {
  public static Firmware parse(String text) {
    String[] p = text.trim().split("\\.");
    if (p.length != 3) {
      throw new IllegalArgumentException(
          "a firmware version is MAJOR.MINOR.PATCH, not '" + text + "'");
    }
    return new Firmware(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
  }

  @Override
  public int compareTo(Firmware o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  public boolean before(Firmware o) {
    return compareTo(o) < 0;
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
