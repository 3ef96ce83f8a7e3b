package dev.pullback.alert;

import java.time.Instant;

/**
 * Something about a host that needs a person (the {@code anomaly_alerts} table): open until
 * acknowledged.
 *
 * @param kind {@link #HOST_KEY_CHANGED} today; anomaly detection adds its own kinds
 */
public record Alert(long id, String host, String kind, String message, Instant createdAt, Instant acknowledgedAt) {
    /** ssh refused the host's key: acknowledged by {@code pullback host trust HOST}. */
    public static final String HOST_KEY_CHANGED = "host_key_changed";

    public boolean open() {
        return acknowledgedAt == null;
    }
}
