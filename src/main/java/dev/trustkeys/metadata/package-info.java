/**
 * The metadata dialect seam: what differs between the TUF dialects {@code keys} writes (Notary's
 * TUF, TUF 1.0 as python-tuf, go-tuf and tuf-js read it) behind one interface, {@link
 * dev.trustkeys.metadata.MetadataDialect}: the canonical form that is signed, the key-ID rule, how
 * a public key and a signature are written, the names of signature schemes, the {@code _type} names
 * and how a file is written. Its implementations: Notary's ({@code NotaryDialect} in the {@code
 * tuf} package) and TUF 1.0 ({@code Tuf1Dialect} in {@code tuf1}). Signatures travel between back
 * ends and dialects as a neutral {@link dev.trustkeys.core.SignatureValue}: the algorithm and the
 * bytes as the back end produced them. Depends on {@code core} only.
 */
package dev.trustkeys.metadata;
