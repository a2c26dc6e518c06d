/**
 * Talking to a registry's services as Docker and Notary do, knowing nothing of the command line:
 * which server a repository uses ({@link dev.trustkeys.registry.EndpointResolver}), TLS with
 * private CAs and client certificates ({@link dev.trustkeys.registry.TlsSettings}), logins from
 * Docker's and Notary's configuration ({@link dev.trustkeys.registry.CredentialSource}), the
 * registry token flow, capped responses and one-line diagnoses of what went wrong ({@link
 * dev.trustkeys.registry.HttpTransport}).
 */
package dev.trustkeys.registry;
