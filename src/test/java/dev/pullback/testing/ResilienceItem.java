package dev.pullback.testing;

/**
 * The items of issue 6's "Resilience: the suites", in the order. Each needs at least one
 * test annotated {@link Resilience}; an item covered elsewhere or not yet says so in {@link #gap}.
 */
public enum ResilienceItem {
    KILL_RSYNC(Kind.FAULT, "kill -9 of rsync"),
    KILL_SERVER_MID_RSYNC(Kind.FAULT, "kill -9 of the whole server mid-rsync"),
    KILL_SERVER_MID_TAR(Kind.FAULT, "kill -9 of the whole server mid-tar"),
    KILL_SERVER_MID_PRUNE(Kind.FAULT, "kill -9 of the whole server mid-prune"),
    KILL_SERVER_MID_SYMLINK_SWAP(Kind.FAULT, "kill -9 of the whole server mid-symlink swap"),
    DISK_FULL(Kind.FAULT, "disk full"),
    HOST_OFFLINE(Kind.FAULT, "host offline"),
    CONNECTION_DROPPED(Kind.FAULT, "connection dropped mid-transfer"),
    STALLED_SENDER(Kind.FAULT, "a stalled sender (the watchdog fires)"),
    CHANGED_HOST_KEY(Kind.FAULT, "a changed host key"),
    TWO_SERVERS_ONE_SLOT(Kind.FAULT, "two servers on one database firing the same slot"),
    DATABASE_UNAVAILABLE(Kind.FAULT, "the database unavailable during a run"),

    NAME_NEWLINE(Kind.INPUT, "names containing newlines"),
    NAME_ESC(Kind.INPUT, "names containing ESC"),
    NAME_NON_UTF8(Kind.INPUT, "names with non-UTF-8 bytes"),
    NAME_LEADING_DASH(Kind.INPUT, "names with leading dashes"),
    NAME_255_BYTES(Kind.INPUT, "255-byte names"),
    PATH_OVER_4096(Kind.INPUT, "paths longer than 4096 bytes"),
    SPARSE_FILES(Kind.INPUT, "sparse files"),
    HARDLINKS(Kind.INPUT, "hardlinks within the source"),
    SYMLINKS(Kind.INPUT, "absolute, escaping and dangling symlinks"),
    FIFOS_AND_DEVICES(Kind.INPUT, "FIFOs and device files (with --fake-super and without)"),
    UNREADABLE_FILES(Kind.INPUT, "unreadable files"),
    VANISHING_FILES(Kind.INPUT, "files vanishing mid-run"),
    HOST_CONFIG_METACHARACTERS(Kind.INPUT, "host configs with shell metacharacters and leading dashes"),
    INVALID_CRON(Kind.INPUT, "invalid cron"),
    BAD_RETENTION(Kind.INPUT, "zero or negative retention"),
    TRAVERSAL(Kind.INPUT, "traversal and encoded traversal on browse/download"),
    CSRF(Kind.INPUT, "CSRF: no token, empty token, foreign origin"),
    ROUTES_AS_VIEWER_AND_ANONYMOUS(Kind.INPUT, "every admin route as viewer and as anonymous");

    public enum Kind {
        FAULT, INPUT
    }

    private final Kind kind;
    private final String text;
    private final String gap;

    ResilienceItem(Kind kind, String text) {
        this(kind, text, null);
    }

    ResilienceItem(Kind kind, String text, String gap) {
        this.kind = kind;
        this.text = text;
        this.gap = gap;
    }

    public Kind kind() {
        return kind;
    }

    public String text() {
        return text;
    }

    /** Why the item has no test in this suite yet, or null when it must have one. */
    public String gap() {
        return gap;
    }
}
