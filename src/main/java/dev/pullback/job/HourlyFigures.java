package dev.pullback.job;

import dev.pullback.snapshot.Marker;
import java.time.Instant;

/** The {@code hourly} object of {@code /api/status}: what the host's last snapshot holds and added. */
public record HourlyFigures(String name, String status, Instant started, Instant finished, String base, long files,
                           long bytes, long transferred, long created, long updated, long deleted, long newBytes,
                           int warnings) {
    public static HourlyFigures of(Marker m) {
        return new HourlyFigures(m.name(), m.status(), m.started(), m.finished(), m.base(), m.files(), m.bytes(),
                m.transferred(), m.created(), m.updated(), m.deleted(), m.newBytes(), m.warnings().size());
    }
}
