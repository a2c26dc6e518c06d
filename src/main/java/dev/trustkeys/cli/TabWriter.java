package dev.trustkeys.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code text/tabwriter} with a space as padding character and no flags, as Docker's and
 * Notary's tables use it: cells end at a tab, a column of consecutive lines is as wide as its
 * widest cell plus {@code padding} (at least {@code minwidth}), the last cell of a line is never
 * padded. Widths count code points (Docker counts East Asian wide characters twice; tags and key
 * IDs have none).
 */
final class TabWriter {
  private final int minwidth;
  private final int padding;
  private final List<String[]> lines = new ArrayList<>();
  private final List<Integer> widths = new ArrayList<>();
  private final StringBuilder out = new StringBuilder();

  private TabWriter(int minwidth, int padding) {
    this.minwidth = minwidth;
    this.padding = padding;
  }

  /** {@code text} (cells separated by tabs, lines by newlines) aligned. */
  static String format(String text, int minwidth, int padding) {
    TabWriter w = new TabWriter(minwidth, padding);
    for (String line : text.split("\n", -1)) {
      w.lines.add(line.split("\t", -1));
    }
    w.format(0, w.lines.size());
    return w.out.toString();
  }

  private void format(int line0, int line1) {
    int column = widths.size();
    for (int t = line0; t < line1; t++) {
      if (column >= lines.get(t).length - 1) {
        continue;
      }
      writeLines(line0, t);
      line0 = t;
      int width = minwidth;
      for (; t < line1; t++) {
        String[] line = lines.get(t);
        if (column >= line.length - 1) {
          break;
        }
        width = Math.max(width, width(line[column]) + padding);
      }
      widths.add(width);
      format(line0, t);
      widths.remove(widths.size() - 1);
      line0 = t;
    }
    writeLines(line0, line1);
  }

  private void writeLines(int line0, int line1) {
    for (int i = line0; i < line1; i++) {
      String[] line = lines.get(i);
      for (int j = 0; j < line.length; j++) {
        out.append(line[j]);
        if (j < widths.size()) {
          out.append(" ".repeat(Math.max(0, widths.get(j) - width(line[j]))));
        }
      }
      if (i + 1 < lines.size()) {
        out.append('\n');
      }
    }
  }

  private static int width(String cell) {
    return cell.codePointCount(0, cell.length());
  }
}
