package dev.pullback.snapshot;

import dev.pullback.host.Host;
import dev.pullback.host.HostChanges;
import dev.pullback.host.Transport;
import dev.pullback.testing.MutableClock;
import dev.pullback.transport.Cancellation;
import dev.pullback.transport.Progress;
import dev.pullback.transport.RsyncCommand;
import dev.pullback.transport.RsyncRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real engine (real rsync) over a temp backup root, with a clock the test moves; public for the archive and retention tests. */
public final class EngineFixture {
    public final Path root;
    public final Path dataDir;
    public final MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
    public final List<Marker> recorded = new CopyOnWriteArrayList<>();
    Duration watchdog = Duration.ofMinutes(2);
    /** The rsync binary the engine runs (PULLBACK_RSYNC): a wrapper lets a test run it as another user. */
    String rsync = "rsync";
    SnapshotCatalog catalog = (host, dir, marker) -> recorded.add(marker);

    public EngineFixture(Path tmp) {
        this(tmp.resolve("root"), tmp.resolve("data"));
    }

    public EngineFixture(Path root, Path dataDir) {
        this.root = root;
        this.dataDir = dataDir;
        try {
            Files.createDirectories(root);
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SnapshotEngine engine() {
        RsyncCommand command = new RsyncCommand(rsync, dataDir.resolve("known_hosts"), Duration.ofSeconds(5));
        return new SnapshotEngine(clock, command, new RsyncRunner(watchdog), catalog);
    }

    /** A local-transport host without the default excludes, so test trees are copied whole. */
    public static Host localHost(String name, Path... sources) {
        List<String> paths = Arrays.stream(sources).map(Path::toString).toList();
        return changes(Transport.LOCAL, paths).applyTo(Host.defaults(name, Instant.EPOCH), Instant.EPOCH);
    }

    static HostChanges changes(Transport transport, List<String> sources) {
        return new HostChanges(transport, null, null, null, null, sources, null, false, null, null, null, null, null,
                null, null, null);
    }

    public BackupLayout layout(Host host) {
        return new BackupLayout(root, host.name());
    }

    public SnapshotResult snapshot(Host host) {
        return snapshot(host, Progress.NONE, new Cancellation());
    }

    SnapshotResult snapshot(Host host, Progress progress, Cancellation cancel) {
        try (HostLock lock = HostLock.acquire(layout(host), "test", clock.instant())) {
            return engine().snapshot(lock, new SnapshotRequest(host, ZoneOffset.UTC, false, progress, cancel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SnapshotResult dryRun(Host host) {
        try {
            return engine().dryRun(layout(host), new SnapshotRequest(host, ZoneOffset.UTC, true, Progress.NONE, new Cancellation()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next run gets a new name, as an hour later would. */
    public void nextHour() {
        clock.advance(Duration.ofHours(1));
    }
}
