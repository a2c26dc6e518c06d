package dev.trustkeys.core.secret;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A passphrase or PIN read from a file (its first line, without the line end), for the requests {@code applies}
 * accepts. The file's content is read into a buffer that is zeroed after use.
 */
public final class FileSecrets implements SecretProvider {
  private static final long MAX_SIZE = 4096;
  private final Path file;
  private final Predicate<SecretRequest> applies;

  public FileSecrets(Path file, Predicate<SecretRequest> applies) {
    this.file = file;
    this.applies = applies;
  }

  @Override
  public Optional<Secret> obtain(SecretRequest request) throws KeysException {
    if (!applies.test(request)) {
      return Optional.empty();
    }
    char[] chars = read(file);
    if (request.kind() == SecretRequest.Kind.NEW_PASSPHRASE && chars.length < TerminalPrompter.MIN_LENGTH) {
      Arrays.fill(chars, '\0');
      throw new KeysException(
          "the passphrase in " + file + " is too short: use at least " + TerminalPrompter.MIN_LENGTH + " characters",
          ExitCode.USAGE);
    }
    return Optional.of(Secret.adopt(chars, Secret.Origin.FILE));
  }

  /** Reads the first line of {@code file} as a secret. */
  public static char[] read(Path file) throws KeysException {
    byte[] bytes = null;
    try {
      if (Files.size(file) > MAX_SIZE) {
        throw new KeysException(file + " is too large to hold a passphrase or PIN", ExitCode.USAGE);
      }
      bytes = Files.readAllBytes(file);
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      CharBuffer cb =
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, end));
      char[] out = new char[cb.remaining()];
      cb.get(out);
      Arrays.fill(cb.array(), '\0');
      return out;
    } catch (CharacterCodingException e) {
      throw new KeysException(file + " is not UTF-8 text", ExitCode.USAGE);
    } catch (IOException e) {
      throw new KeysException("cannot read " + file + ": " + e.getMessage(), ExitCode.USAGE, e);
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }
}
