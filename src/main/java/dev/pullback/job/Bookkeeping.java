package dev.pullback.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database is bookkeeping: a write that fails (the SQLite file locked or read-only, the
 * server unreachable, a table broken) is logged and kept, and never fails or undoes a backup.
 * Kept writes are replayed in order by {@link #retry()}, which every run calls before it starts
 * its own, and once more when the process stops.
 *
 * <p>Kept writes live in memory: after a crash, rows a lost write would have finished are
 * marked interrupted, and snapshots it would have indexed are indexed from their markers by the
 * next run of the host ({@link BackupService}).
 */
public class Bookkeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bookkeeping.class);
    private static final int MAX_KEPT = 10_000;
    /** A kept write that fails this many times is given up (logged), so a broken one cannot pile up forever. */
    private static final int MAX_ATTEMPTS = 5;

    private final Deque<Kept> kept = new ArrayDeque<>();

    private static final class Kept {
        final String what;
        final Runnable write;
        int attempts = 1;

        Kept(String what, Runnable write) {
            this.what = what;
            this.write = write;
        }
    }

    /** Writes now, or keeps the write for later when the database is unavailable. */
    public void write(String what, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            log.warn("database unavailable, could not {} (kept to retry; the backup itself goes on): {}", what, describe(e));
            synchronized (this) {
                if (kept.size() >= MAX_KEPT) {
                    log.warn("database unavailable too long: gave up trying to {}", kept.removeFirst().what);
                }
                kept.addLast(new Kept(what, write));
            }
        }
    }

    /**
     * A write whose result the caller needs now (a new row's id) cannot wait: null when the
     * database is unavailable, and the caller goes on without the row.
     */
    public <T> T attempt(String what, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            log.warn("database unavailable, could not {} (the backup itself goes on): {}", what, describe(e));
            return null;
        }
    }

    /**
     * Replays the kept writes in order; those that fail again stay kept, up to a few attempts.
     *
     * @return how many writes are still kept
     */
    public synchronized int retry() {
        int n = kept.size();
        for (int i = 0; i < n; i++) {
            Kept k = kept.removeFirst();
            try {
                k.write.run();
                log.info("database available again: could {} after all", k.what);
            } catch (RuntimeException e) {
                if (++k.attempts >= MAX_ATTEMPTS) {
                    log.warn("gave up trying to {} after {} attempts: {}", k.what, k.attempts, describe(e));
                } else {
                    kept.addLast(k);
                }
            }
        }
        return kept.size();
    }

    /** Spring's wrappers say which operation failed; the driver's message at the bottom says why. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getMessage() + ": " + root;
    }

    /** How many writes wait for the database. */
    public synchronized int kept() {
        return kept.size();
    }

    /** A last try when the process stops (a one-shot CLI run, a shutdown); what still fails is logged. */
    @Override
    public synchronized void close() {
        if (!kept.isEmpty() && retry() > 0) {
            kept.forEach(k -> log.warn("database unavailable at shutdown: could not {}", k.what));
        }
    }
}
