package dev.pullback.job;

import java.util.Locale;

/** The five stages of a host's pipeline, numbered as Backup Manager's status shows them. */
public enum Stage {
    RSYNC(1), HOURLY(2), TAR(3), MONTHLY(4), CLEANUP(5), DONE(5);

    public static final int TOTAL = 5;

    private final int num;

    Stage(int num) {
        this.num = num;
    }

    public int num() {
        return num;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
