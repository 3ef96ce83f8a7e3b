package dev.pullback.trust;

import java.time.Instant;

/**
 * The ssh host key pullback trusts for a host (the {@code host_keys} table).
 *
 * @param type        ED25519, ECDSA or RSA
 * @param fingerprint {@code SHA256:...} as {@code ssh-keygen -l} prints it
 * @param firstSeen   when pullback first recorded this key (first contact, or the trust that replaced an older one)
 * @param trustedAt   when a person accepted it with {@code pullback host trust}; null for a first contact
 */
public record HostKeyRecord(String host, String type, String fingerprint, Instant firstSeen, Instant trustedAt) {
}
