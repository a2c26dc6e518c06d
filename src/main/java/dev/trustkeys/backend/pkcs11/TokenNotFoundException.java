package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.nio.file.Path;
import java.util.List;

/** No present token matches what was asked for (removed, never inserted, or another label). */
public final class TokenNotFoundException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String wanted;
  private final transient Path module;
  private final List<String> tokensPresent;

  public TokenNotFoundException(String wanted, Path module, List<String> tokensPresent) {
    super(
        "no token matching "
            + wanted
            + " is present in "
            + module
            + ": insert it (tokens present: "
            + (tokensPresent.isEmpty() ? "none" : String.join(", ", tokensPresent))
            + ")",
        ExitCode.DEVICE);
    this.wanted = wanted;
    this.module = module;
    this.tokensPresent = List.copyOf(tokensPresent);
  }

  /** The token attributes asked for, as a pkcs11: URI. */
  public String wanted() {
    return wanted;
  }

  public Path module() {
    return module;
  }

  /** Labels of the tokens that are present. */
  public List<String> tokensPresent() {
    return tokensPresent;
  }
}
