package dev.trustkeys.notary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustkeys.tuf.Signed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust directory's metadata cache keeps the newest version it was given: versions seen are the
 * floor against a server answering with old data, so a writer holding an older file (a slower
 * process, a stale fetch) never replaces a newer one. The check and the write happen under the
 * trust directory's writers' lock.
 */
class MetadataCacheTest {
  static final String GUN = "example.com/cache/app";
  @TempDir Path tmp;

  static byte[] timestamp(long version) {
    return ("{\"signed\":{\"_type\":\"Timestamp\",\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{},\"version\":"
            + version
            + "},\"signatures\":[]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static long cachedVersion(MetadataCache cache, String role) throws Exception {
    return (Long) Signed.parse(cache.read(GUN, role).orElseThrow()).signed().get("version");
  }

  @Test
  void anOlderVersion_neverReplacesANewerOne() throws Exception {
    MetadataCache cache = new MetadataCache(tmp);
    cache.write(GUN, "timestamp", timestamp(3));
    cache.write(GUN, "timestamp", timestamp(2));
    assertEquals(3, cachedVersion(cache, "timestamp"));
    cache.write(GUN, "timestamp", timestamp(4));
    assertEquals(4, cachedVersion(cache, "timestamp"));
  }

  @Test
  void concurrentWriters_leaveTheNewestVersion() throws Exception {
    for (int round = 0; round < 20; round++) {
      MetadataCache cache = new MetadataCache(tmp.resolve("r" + round));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int v = 1; v <= 8; v++) {
        final long version = v;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  new MetadataCache(cache.trustDir()).write(GUN, "timestamp", timestamp(version));
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertEquals(8, cachedVersion(cache, "timestamp"), "round " + round);
    }
  }
}
