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
        w[i] = Math.max(w[i], Style.strip(r[i]).length());
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
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      l.append(cells[i]);
      if (i < cells.length - 1) {
        l.append(" ".repeat(w[i] - Style.strip(cells[i]).length() + 4));
      }
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }
}
