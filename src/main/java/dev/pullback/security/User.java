package dev.pullback.security;

import java.time.Instant;

/** A person who logs in. The password hash never leaves the repository. */
public record User(String name, Role role, boolean canDownload, Instant createdAt, Instant updatedAt) {
    public boolean mayDownload() {
        return role == Role.ADMIN || canDownload;
    }
}
