package dev.pullback.job;

import java.util.Locale;

/** What a job does. */
public enum JobType {
    SNAPSHOT, HEAVY, RETENTION, DISCOVERY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
