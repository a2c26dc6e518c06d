package dev.trustkeys.core.secret;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.io.FileTooLargeException;
import dev.trustkeys.core.io.InputFiles;
import dev.trustkeys.core.io.IoErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A passphrase or PIN read from a file (its first line, without the line end), for the requests
 * {@code applies} accepts. The file's content is read into a buffer that is zeroed after use.
 */
public final class FileSecrets implements SecretProvider {
  private static final int MAX_SIZE = 4096;
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
    if (request.kind() == SecretRequest.Kind.NEW_PASSPHRASE
        && chars.length < TerminalPrompter.MIN_LENGTH) {
      Arrays.fill(chars, '\0');
      throw new KeysException(
          "the passphrase in "
              + file
              + " is too short: use at least "
              + TerminalPrompter.MIN_LENGTH
              + " characters",
          ExitCode.USAGE);
    }
    return Optional.of(Secret.adopt(chars, Secret.Origin.FILE, file.toString()));
  }

  /**
   * Reads the file now, so that a missing, unreadable or too short one is refused before anything
   * is changed.
   */
  @Override
  public boolean canAnswer(SecretRequest request) throws KeysException {
    Optional<Secret> s = obtain(request);
    s.ifPresent(Secret::close);
    return s.isPresent();
  }

  /** Reads the first line of {@code file} as a secret. */
  public static char[] read(Path file) throws KeysException {
    return read(file, null);
  }

  /**
   * Reads the first line of {@code file} (a regular file of at most 4 KiB, UTF-8) as a secret: the
   * one reader of passphrase, PIN and management-key files, wherever they are named ({@code
   * --passphrase-file}, a {@code *_FILE} variable, a URI's {@code pin-source}). {@code source},
   * when not null, is named in errors. A file that is missing, unreadable, too large or not UTF-8
   * is a usage error (exit 2) whichever way it was named.
   */
  public static char[] read(Path file, String source) throws KeysException {
    ExitCode failure = ExitCode.USAGE;
    String name = source == null ? file.toString() : file + " (from " + source + ")";
    byte[] bytes = null;
    try {
      bytes = InputFiles.read(file, MAX_SIZE);
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      CharBuffer cb = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, end));
      char[] out = new char[cb.remaining()];
      cb.get(out);
      Arrays.fill(cb.array(), '\0');
      return out;
    } catch (CharacterCodingException e) {
      throw new KeysException(name + " is not UTF-8 text", failure);
    } catch (FileTooLargeException e) {
      throw new KeysException(name + " is too large to hold a passphrase or PIN", failure);
    } catch (IOException e) {
      throw new KeysException(IoErrors.cannot("read", name, e), failure, e);
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }
}
