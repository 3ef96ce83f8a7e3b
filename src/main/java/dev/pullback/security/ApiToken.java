package dev.pullback.security;

import java.time.Instant;

/** A bearer token for scripts, as listed: the secret itself is known only at creation. */
public record ApiToken(String name, Role role, boolean canDownload, Instant createdAt, Instant lastUsedAt) {
    public boolean mayDownload() {
        return role == Role.ADMIN || canDownload;
    }
}
