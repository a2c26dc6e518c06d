package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.notary.Tags;
import dev.trustkeys.registry.ImageReference;
import dev.trustkeys.tuf.FileMeta;
import dev.trustkeys.tuf.TargetFiles;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keys tag sign REPOSITORY:TAG... --digest sha256:HEX --size N [--role ROLE]...}: signs tags
 * of an image manifest into the roles {@code docker trust sign} would choose; the tags of one
 * repository in one publication.
 */
@Command(
    name = "sign",
    description =
        "Sign tags of an image manifest (by its digest and size, no Docker daemon"
            + " needed) into the roles 'docker trust sign' would choose: each signer role whose key is here, else targets.")
final class TagSignCommand implements Callable<Integer> {
  @ParentCommand TagCommand parent;

  @Parameters(
      arity = "1..*",
      paramLabel = "REPOSITORY:TAG",
      description =
          "The tags to sign; all name the same"
              + " manifest. Tags of one repository are published together.")
  List<String> references;

  @Option(
      names = "--digest",
      required = true,
      paramLabel = "sha256:HEX",
      description =
          "The manifest's digest (as 'docker buildx imagetools inspect' or the registry shows it).")
  String digest;

  @Option(
      names = "--size",
      required = true,
      paramLabel = "N",
      description = "The manifest's size in bytes.")
  long size;

  @Option(
      names = {"-r", "--role"},
      paramLabel = "ROLE",
      description =
          "Sign into this role (targets or a"
              + " delegation) instead of Docker's choice. Repeatable.")
  List<String> roles = new ArrayList<>();

  @Mixin ServerFlags serverFlags;

  @Override
  public Integer call() throws KeysException {
    FileMeta manifest = manifest(digest, size);
    Map<String, Map<String, FileMeta>> byGun = new LinkedHashMap<>();
    Map<String, List<String>> names = new LinkedHashMap<>();
    for (String r : references) {
      ImageReference ref = ImageReference.parse(r);
      if (ref.digest().isPresent() || ref.tag().isEmpty()) {
        throw new UsageException(
            ref.digest().isPresent()
                ? "cannot use a digest reference for IMAGE:TAG: " + r
                : "no tag specified for " + r + ": give REPOSITORY:TAG");
      }
      byGun.computeIfAbsent(ref.gun(), g -> new LinkedHashMap<>()).put(ref.tag().get(), manifest);
      names.computeIfAbsent(ref.gun(), g -> new ArrayList<>()).add(r);
    }
    Context ctx = new Context(parent.root);
    PrintWriter out = parent.root.out();
    for (Map.Entry<String, Map<String, FileMeta>> e : byGun.entrySet()) {
      Tags.Result res =
          new Tags(serverFlags.session(ctx, e.getKey(), parent.root.errors()))
              .sign(e.getKey(), e.getValue(), roles);
      out.println(
          "Signed "
              + String.join(", ", names.get(e.getKey()))
              + " ("
              + digest.trim().toLowerCase(java.util.Locale.ROOT)
              + ", "
              + size
              + " bytes) into "
              + String.join(", ", res.tagsByRole().keySet()));
      out.println(
          "Published "
              + e.getKey()
              + (res.snapshotByServer() ? "; the server signed the new snapshot" : ""));
    }
    out.flush();
    return 0;
  }

  /** The target entry Docker writes for a manifest: its SHA-256 and length. */
  static FileMeta manifest(String digest, long size) throws UsageException {
    String d = digest.trim().toLowerCase(java.util.Locale.ROOT);
    if (!d.startsWith("sha256:") || d.length() != 7 + 64 || !isHex(d.substring(7))) {
      throw new UsageException(
          "--digest must be sha256: and 64 hexadecimal characters, not '" + digest + "'");
    }
    if (size < 1) {
      throw new UsageException(
          "--size must be the manifest's size in bytes (at least 1), not " + size);
    }
    return TargetFiles.sha256(HexFormat.of().parseHex(d.substring(7)), size);
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
