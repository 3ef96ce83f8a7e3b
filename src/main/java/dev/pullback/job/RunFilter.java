package dev.pullback.job;

import dev.pullback.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which jobs a history page shows; null fields match everything.
 *
 * @param page zero-based
 */
public record RunFilter(String host, RunStatus status, JobType type, int page, int size) {
    public static final int MAX_SIZE = 500;

    public RunFilter {
        if (page < 0) {
            throw new InvalidInputException("page", "must be 0 or more, got " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("size", "must be between 1 and " + MAX_SIZE + ", got " + size);
        }
    }

    /** Parses the text forms front ends receive; blank means "any". */
    public static RunFilter parse(String host, String status, String type, int page, int size) {
        return new RunFilter(blank(host) ? null : host, blank(status) ? null : parseStatus(status),
                blank(type) ? null : parseType(type), page, size);
    }

    private static RunStatus parseStatus(String s) {
        return Arrays.stream(RunStatus.values()).filter(v -> v != RunStatus.ALREADY_RUNNING && v.id().equals(s.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new InvalidInputException("status",
                        "unknown status '" + s + "'; one of running, ok, partial, failed, cancelled, interrupted, skipped"));
    }

    private static JobType parseType(String s) {
        return Arrays.stream(JobType.values()).filter(v -> v.id().equals(s.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new InvalidInputException("type", "unknown job type '" + s + "'; one of snapshot, heavy, retention, discovery"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
