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
     * Replays the kept writes in order. The first failure before any success means the database
     * is still unavailable: the pass stops there, so a long outage costs one timeout per pass, not
     * one per kept write. A write that fails while others succeed is kept for a later pass. A write
     * that has failed {@value #MAX_ATTEMPTS} times is given up (logged), so a broken one cannot
     * block the rest forever.
     *
     * @return how many writes are still kept
     */
    public synchronized int retry() {
        java.util.List<Kept> pass = new java.util.ArrayList<>(kept);
        kept.clear();
        boolean reached = false;
        for (int i = 0; i < pass.size(); i++) {
            Kept k = pass.get(i);
            try {
                k.write.run();
                reached = true;
                log.info("database available again: could {} after all", k.what);
            } catch (RuntimeException e) {
                if (++k.attempts >= MAX_ATTEMPTS) {
                    log.warn("gave up trying to {} after {} attempts: {}", k.what, k.attempts, describe(e));
                    continue;
                }
                kept.addLast(k);
                if (!reached) {
                    kept.addAll(pass.subList(i + 1, pass.size()));
                    break;
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
            log.warn("database unavailable at shutdown: {} write(s) lost, the first: {} (runs they would have finished "
                    + "become interrupted; snapshots are indexed from their markers by the next run)", kept.size(), kept.peekFirst().what);
        }
    }
}
