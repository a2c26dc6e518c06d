package dev.trustkeys.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table with a header and a dashed rule, as Notary prints its listings. Cells may
 * be coloured ({@link Style}): widths count only the visible characters.
 */
final class Table {
  private static final String SPACES = " ".repeat(64);
  private final List<String[]> rows = new ArrayList<>();
  private final List<int[]> widths = new ArrayList<>();
  private final String[] header;

  Table(String... header) {
    this.header = header;
  }

  Table row(String... cells) {
    rows.add(cells);
    widths.add(widthsOf(cells));
    return this;
  }

  /** Visible widths, computed once per cell (a listing of 10,000 keys has 50,000 cells). */
  private static int[] widthsOf(String[] cells) {
    int[] w = new int[cells.length];
    for (int i = 0; i < cells.length; i++) {
      w[i] = Style.width(cells[i]);
    }
    return w;
  }

  void print(PrintWriter out) {
    int[] w = widthsOf(header);
    for (int[] r : widths) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i]);
      }
    }
    String[] rule = new String[header.length];
    for (int i = 0; i < header.length; i++) {
      rule[i] = "-".repeat(header[i].length());
    }
    int lineLength = 1;
    for (int width : w) {
      lineLength += width + 4;
    }
    StringBuilder sb =
        new StringBuilder(lineLength * (rows.size() + 2)); // one allocation, not a doubling series
    line(sb, header, widthsOf(header), w);
    line(sb, rule, widthsOf(rule), w);
    for (int r = 0; r < rows.size(); r++) {
      line(sb, rows.get(r), widths.get(r), w);
    }
    out.print(sb);
    out.flush();
  }

  private static void line(StringBuilder sb, String[] cells, int[] cellWidths, int[] w) {
    int start = sb.length();
    for (int i = 0; i < cells.length; i++) {
      sb.append(cells[i]);
      if (i < cells.length - 1) {
        for (int pad = w[i] - cellWidths[i] + 4; pad > 0; pad -= SPACES.length()) {
          sb.append(SPACES, 0, Math.min(pad, SPACES.length()));
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
