/**
 * The JVM's own start-up floor (bench/parts/list.sh): start, print one line, exit. Not part of
 * keys.
 */
public final class Hello {
  private Hello() {}

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
