package dev.trustkeys.ceremony;

import dev.trustkeys.core.KeysException;
import java.util.Map;

/** Where a ceremony publishes the next root: a Notary server, a TUF repository. */
public interface RootTarget extends PublishedRoots {
  /**
   * The root file in force there now; a request is published only on the root it was planned on.
   */
  byte[] currentRoot() throws KeysException;

  /**
   * Publishes {@code newRootFile} (the request's root with its signatures) as the next root, after
   * checking that the whole root chain with it verifies as the dialect's clients check it. Nothing
   * is written when it does not.
   */
  void publish(CeremonyRequest req, byte[] newRootFile) throws KeysException;

  /**
   * What the publish entry of the transcript records of where: {@code server}, {@code repository}.
   */
  Map<String, Object> entryFields();
}
