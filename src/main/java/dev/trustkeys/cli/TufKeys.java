package dev.trustkeys.cli;

import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf1.BackendKeySource;
import dev.trustkeys.tuf1.PublicKeyFiles;
import dev.trustkeys.tuf1.RepositoryEditor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * How {@code keys tuf} commands name keys: K is a key ID or unique prefix held by any back end
 * (hardware first), or a PEM public key file for a key held elsewhere.
 */
final class TufKeys {
  private TufKeys() {}

  static BackendKeySource source(Keyring keyring) {
    return new BackendKeySource(keyring);
  }

  static BackendKeySource source(Context ctx) {
    return source(ctx.keyring());
  }

  static PublicKey resolve(Context ctx, BackendKeySource source, String k) throws KeysException {
    Path p = Path.of(k);
    if (Files.isRegularFile(p)) {
      return PublicKeyFiles.read(p);
    }
    // a full key ID: only the slots it must read, no YubiKey serial
    return source.open(ctx.locateToUse(k)).publicKey();
  }

  static RepositoryEditor editor(Context ctx, Path repo, BackendKeySource source) {
    return new RepositoryEditor(repo, source, ctx.clock());
  }

  /** Prints what an edit wrote, and which roles still need signatures from keys held elsewhere. */
  static void report(PrintWriter out, Path repo, RepositoryEditor.Result r) {
    Path base = repo.toAbsolutePath().normalize();
    for (Path p : r.written()) {
      out.println("Wrote " + base.relativize(p));
    }
    for (String role : r.unsignedRoles()) {
      out.println(
          "Role "
              + role
              + " still needs signatures from keys held elsewhere: 'keys tuf sign "
              + repo
              + " "
              + role
              + "' where they are");
    }
    out.flush();
  }
}
