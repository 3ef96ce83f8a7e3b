package dev.pullback.job;

import java.util.Locale;

/** Who started a job. */
public enum Trigger {
    SCHEDULE, API, CLI, UI;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
