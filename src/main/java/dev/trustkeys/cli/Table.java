package dev.trustkeys.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table with a header and a dashed rule, as Notary prints its listings. Cells may be coloured
 * ({@link Style}): widths count only the visible characters.
 */
final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final String[] header;

  Table(String... header) {
    this.header = header;
  }

  Table row(String... cells) {
    rows.add(cells);
    return this;
  }

  void print(PrintWriter out) {
    int[] w = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      w[i] = header[i].length();
    }
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], Style.width(r[i]));
      }
    }
    String[] rule = new String[header.length];
    for (int i = 0; i < header.length; i++) {
      rule[i] = "-".repeat(header[i].length());
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, w);
    line(sb, rule, w);
    for (String[] r : rows) {
      line(sb, r, w);
    }
    out.print(sb);
    out.flush();
  }

  private static void line(StringBuilder sb, String[] cells, int[] w) {
    int start = sb.length();
    for (int i = 0; i < cells.length; i++) {
      sb.append(cells[i]);
      if (i < cells.length - 1) {
        for (int pad = w[i] - Style.width(cells[i]) + 4; pad > 0; pad--) {
          sb.append(' ');
        }
      }
    }
    int end = sb.length();
    while (end > start && Character.isWhitespace(sb.charAt(end - 1))) {
      end--;
    }
    sb.setLength(end);
    sb.append('\n');
  }
}
