/**
 * TUF 1.0 metadata and repositories exactly as python-tuf, go-tuf, tuf-js and tuf-on-ci read and
 * write them: the {@link dev.trustkeys.tuf1.Tuf1Dialect} (OLPC canonical JSON, key IDs over the
 * whole key object, hex DER ECDSA signatures), metadata files that keep every field and byte of
 * other tools' files ({@link dev.trustkeys.tuf1.Metadata}, {@link dev.trustkeys.tuf1.JsonStyle}),
 * repositories on disk in both the published (consistent snapshot) and the working-tree layout
 * ({@link dev.trustkeys.tuf1.RepositoryFiles}), what a client checks ({@link
 * dev.trustkeys.tuf1.RepositoryVerifier}) and the edits {@code keys tuf} makes ({@link
 * dev.trustkeys.tuf1.RepositoryEditor}). Depends on {@code core} and {@code metadata} only.
 */
package dev.trustkeys.tuf1;
