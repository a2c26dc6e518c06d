/**
 * The metadata dialect seam: what differs between the TUF dialects {@code keys} writes (Notary's TUF, TUF 1.0 as
 * python-tuf, go-tuf and tuf-js read it) behind one interface, {@link dev.trustkeys.metadata.MetadataDialect}:
 * the canonical form that is signed, the key-ID rule, how a public key and a signature are written, and the
 * names of signature schemes. Signatures travel between back ends and dialects as a neutral
 * {@link dev.trustkeys.metadata.SignatureValue}: the algorithm and the bytes exactly as the back end produced them.
 * Depends on {@code core} only.
 */
package dev.trustkeys.metadata;
