package dev.pullback.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The per-host write lock: an OS lock on {@code <host>/.pullback.lock}, released by the kernel
 * when the process dies, so a crash never leaves a stale lock. The file says who holds it.
 */
public final class HostLock implements AutoCloseable {
    private final BackupLayout layout;
    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(BackupLayout layout, FileChannel channel, FileLock lock) {
        this.layout = layout;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param owner what to tell a second runner, e.g. "pid 4242 (cli backup)"
     * @throws HostBusyException when another run holds it
     */
    public static HostLock acquire(BackupLayout layout, String owner, Instant now) throws IOException {
        return acquire(layout, layout.lockFile(), "backed up", owner, now);
    }

    /**
     * The heavy stages' lock ({@code .pullback-heavy.lock}): archives and monthly copies only read
     * {@code latest}, so they run beside snapshots, but never twice at once for a host.
     */
    public static HostLock acquireHeavy(BackupLayout layout, String owner, Instant now) throws IOException {
        return acquire(layout, layout.heavyLockFile(), "archived", owner, now);
    }

    private static HostLock acquire(BackupLayout layout, Path file, String doing, String owner, Instant now) throws IOException {
        Files.createDirectories(layout.hostDir());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another thread of this process
        }
        if (lock == null) {
            String holder = holder(ch);
            ch.close();
            throw new HostBusyException(layout.host(), doing, holder);
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((owner + " since " + now + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
        return new HostLock(layout, ch, lock);
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        ch.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "another process" : text;
    }

    public BackupLayout layout() {
        return layout;
    }

    public boolean isHeld() {
        return lock.isValid();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another run holds the host: the message says who and since when. */
    public static final class HostBusyException extends IOException {
        public HostBusyException(String host, String doing, String holder) {
            super("host " + host + " is already being " + doing + " (" + holder + ")");
        }
    }
}
