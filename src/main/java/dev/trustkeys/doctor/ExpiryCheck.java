package dev.trustkeys.doctor;

import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.io.InputFiles;
import dev.trustkeys.core.io.IoErrors;
import dev.trustkeys.tuf.Expiry;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.TufKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Expiry of the cached TUF metadata ({@code tuf/<GUN>/metadata/*.json}) and of the root
 * certificates in each {@code root.json}: expired is an error, expiring within {@value #WARN_DAYS}
 * days a warning. {@code timestamp.json} is skipped: the server re-signs it every few days, so it
 * always expires soon.
 */
final class ExpiryCheck {
  static final String NAME = "expiry";
  static final int WARN_DAYS = 90;

  /** As the metadata cache reads at most (Notary's client limit). */
  private static final int MAX_METADATA_BYTES = 100 << 20;

  private ExpiryCheck() {}

  static List<Finding> run(Path tufDir, Instant now) {
    List<Finding> out = new ArrayList<>();
    List<Path> repos = new ArrayList<>();
    if (Files.isDirectory(tufDir)) {
      try (Stream<Path> s = Files.walk(tufDir, 8)) {
        s.filter(p -> p.getFileName().toString().equals("metadata") && Files.isDirectory(p))
            .sorted()
            .forEach(repos::add);
      } catch (IOException e) {
        out.add(Finding.warn(NAME, IoErrors.cannot("read", tufDir, e), ""));
      } catch (java.io.UncheckedIOException e) {
        out.add(Finding.warn(NAME, IoErrors.cannot("read", tufDir, e.getCause()), ""));
      }
    }
    if (repos.isEmpty() && out.isEmpty()) {
      out.add(
          Finding.info(
              NAME, "no repository metadata under " + tufDir + " (nothing published from here)"));
    }
    for (Path md : repos) {
      String gun = tufDir.relativize(md.getParent()).toString();
      checkRepo(gun, md, now, out);
    }
    return out;
  }

  private static void checkRepo(String gun, Path md, Instant now, List<Finding> out) {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(md)) {
      s.filter(
              p ->
                  p.toString().endsWith(".json")
                      && !p.getFileName().toString().equals("timestamp.json"))
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      out.add(
          Finding.error(
              NAME, gun + ": " + IoErrors.cannot("list", md, e), "check its owner and mode"));
      return;
    }
    Instant earliest = null;
    String earliestWhat = "";
    int before = out.size();
    for (Path f : files) {
      String role = f.getFileName().toString().replaceFirst("\\.json$", "");
      try {
        Signed signed = Signed.parse(InputFiles.read(f, MAX_METADATA_BYTES));
        Object exp = signed.signed().get("expires");
        if (exp instanceof String) {
          Instant e = Expiry.parse((String) exp);
          judge(
              gun + " " + role + " metadata (" + f + ")",
              e,
              now,
              Remedy.forRole(Remedy.Kind.RESIGN_METADATA, gun, role),
              out);
          if (earliest == null || e.isBefore(earliest)) {
            earliest = e;
            earliestWhat = role;
          }
        }
        if (role.equals("root")) {
          Root root = Root.fromJson(signed.signed());
          for (TufKey k : root.keysOf("root").values()) {
            Optional<X509Certificate> c = k.leafCertificate();
            if (c.isPresent()) {
              judge(
                  gun + " root certificate of key " + k.id().shortId(),
                  c.get().getNotAfter().toInstant(),
                  now,
                  Remedy.forGun(Remedy.Kind.ROTATE_ROOT_KEY, gun),
                  out);
            }
          }
        }
      } catch (IOException e) {
        out.add(
            Finding.error(
                NAME,
                gun + ": " + IoErrors.cannot("read", f, e),
                Remedy.forGun(Remedy.Kind.REMOVE_AND_FETCH_AGAIN, gun)));
      } catch (MetadataException | RuntimeException e) {
        out.add(
            Finding.error(
                NAME,
                gun + ": cannot read " + f + ": " + e.getMessage(),
                Remedy.forCache(Remedy.Kind.FETCH_AGAIN_OR_REMOVE_CACHE, gun, md)));
      }
    }
    if (out.size() == before && earliest != null) {
      out.add(
          Finding.ok(
              NAME,
              gun
                  + ": metadata valid until "
                  + Expiry.format(earliest)
                  + " ("
                  + earliestWhat
                  + " expires first)"));
    }
  }

  private static void judge(
      String what, Instant expires, Instant now, Remedy fix, List<Finding> out) {
    if (!expires.isAfter(now)) {
      out.add(Finding.error(NAME, what + " expired on " + Expiry.format(expires), fix));
    } else if (Duration.between(now, expires).compareTo(Duration.ofDays(WARN_DAYS)) < 0) {
      long days = Duration.between(now, expires).toDays();
      out.add(
          Finding.warn(
              NAME, what + " expires in " + days + " days (" + Expiry.format(expires) + ")", fix));
    }
  }
}
