package dev.trustkeys.tuf;

import dev.trustkeys.core.Signer;

/**
 * A signer together with the key ID its signatures carry in metadata. For a root key that is the
 * x509 ID of its certificate, while the signer itself is found by the canonical ID.
 */
public record KeyedSigner(String metadataKeyId, Signer signer) {}
