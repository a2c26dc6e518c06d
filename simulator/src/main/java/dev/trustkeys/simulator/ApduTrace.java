package dev.trustkeys.simulator;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records every APDU a card exchanges (secrets already redacted by the card) and counts them per
 * instruction. Optionally appends one JSON object per line to a file. Thread-safe.
 */
public final class ApduTrace {
  /**
   * One exchange. {@code command} and {@code response} are hex with secret bytes replaced by "**".
   */
  public record Entry(
      long timeMillis,
      int serial,
      String instruction,
      String command,
      String response,
      int sw,
      long micros) {
    public String toJson() {
      return String.format(
          "{\"t\":%d,\"serial\":%d,\"ins\":\"%s\",\"cmd\":\"%s\",\"rsp\":\"%s\","
              + "\"sw\":\"%04X\",\"us\":%d}",
          timeMillis, serial, instruction, command, response, sw, micros);
    }
  }

  private static final int KEEP = 20_000;

  private final Clock clock;
  private final Path file;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private final Map<String, Long> counters = new TreeMap<>();
  private long total;

  public ApduTrace(Clock clock, Path file) {
    this.clock = clock;
    this.file = file;
  }

  public ApduTrace() {
    this(Clock.systemUTC(), null);
  }

  public synchronized void record(
      int serial, String instruction, String command, String response, int sw, long micros) {
    Entry e = new Entry(clock.millis(), serial, instruction, command, response, sw, micros);
    entries.addLast(e);
    if (entries.size() > KEEP) {
      entries.removeFirst();
    }
    counters.merge(instruction, 1L, Long::sum);
    total++;
    if (file != null) {
      try (Writer w =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        w.write(e.toJson());
        w.write('\n');
      } catch (IOException ex) {
        System.err.println(
            "virtual YubiKey: cannot append to trace " + file + ": " + ex.getMessage());
      }
    }
  }

  /** Counts an event that is not an APDU (power on/off, reset, ATR poll). */
  public synchronized void countEvent(String event) {
    counters.merge(event, 1L, Long::sum);
  }

  /** Number of APDUs exchanged since creation or the last {@link #clear()}. */
  public synchronized long apduCount() {
    return total;
  }

  public synchronized Map<String, Long> counters() {
    return new TreeMap<>(counters);
  }

  public synchronized long count(String instruction) {
    return counters.getOrDefault(instruction, 0L);
  }

  public synchronized List<Entry> entries() {
    return new ArrayList<>(entries);
  }

  public synchronized void clear() {
    entries.clear();
    counters.clear();
    total = 0;
  }

  /** Counters as one JSON object, e.g. {@code {"apdus":12,"VERIFY":2,...}}. */
  public synchronized String countersJson() {
    StringBuilder sb = new StringBuilder("{\"apdus\":").append(total);
    for (Map.Entry<String, Long> c : counters.entrySet()) {
      sb.append(",\"").append(c.getKey()).append("\":").append(c.getValue());
    }
    return sb.append('}').toString();
  }
}
