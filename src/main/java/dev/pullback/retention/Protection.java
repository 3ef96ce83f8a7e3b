package dev.pullback.retention;

import java.util.Objects;

/**
 * A snapshot retention must never remove, whatever the policy says, and why.
 *
 * @param name   the snapshot's directory name
 * @param reason shown after "protected: ", e.g. {@code pinned} or {@code held by alert 17}
 */
public record Protection(String name, String reason) {
    public Protection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }

    /** Pinned by a user ({@code pullback pin HOST SNAPSHOT}). */
    public static Protection pinned(String name) {
        return new Protection(name, "pinned");
    }

    /** Held by an anomaly alert; {@code alert} identifies it for people, e.g. its id, or null. */
    public static Protection alert(String name, String alert) {
        return new Protection(name, alert == null || alert.isBlank() ? "held by alert" : "held by alert " + alert);
    }
}
