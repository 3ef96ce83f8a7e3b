package dev.pullback.web;

import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.job.HostState;
import dev.pullback.job.HourlyFigures;
import dev.pullback.job.RunStatus;
import dev.pullback.job.StatusService;
import dev.pullback.retention.RetentionPolicy;
import dev.pullback.job.RetentionService;
import dev.pullback.schedule.Cron;
import dev.pullback.schedule.HostScheduleView;
import dev.pullback.schedule.ScheduleService;
import dev.pullback.snapshot.BackupLayout;
import dev.pullback.store.SnapshotRow;
import dev.pullback.store.SqlSnapshotCatalog;
import dev.pullback.settings.GlobalSettings;
import dev.pullback.settings.SettingsService;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One card per host for the dashboard, from SQL and the live state; the only disk reads are
 * three directory listings (archives, monthly) and one symlink, never a snapshot tree.
 */
@Component
public class HostCards {
    private final HostService hosts;
    private final StatusService status;
    private final SnapshotFigures snapshots;
    private final SqlSnapshotCatalog catalog;
    private final ScheduleService schedules;
    private final RetentionService retention;
    private final SettingsService settings;
    private final Clock clock;
    private final int intervalHours;

    HostCards(HostService hosts, StatusService status, SnapshotFigures snapshots, SqlSnapshotCatalog catalog,
              ScheduleService schedules, RetentionService retention, SettingsService settings, Clock clock,
              @Value("${pullback.snapshot-interval-hours:1}") int intervalHours) {
        this.hosts = hosts;
        this.status = status;
        this.snapshots = snapshots;
        this.catalog = catalog;
        this.schedules = schedules;
        this.retention = retention;
        this.settings = settings;
        this.clock = clock;
        this.intervalHours = intervalHours;
    }

    /**
     * Every host's card from a constant number of queries, whatever the number of hosts: hosts,
     * schedules, settings, policy overrides, newest runs and newest snapshots are each read once;
     * the per-host snapshot counts are cached (see {@link SnapshotFigures#counts}).
     */
    List<Card> all() {
        Map<String, HostScheduleView> own = schedules.list().stream()
                .collect(Collectors.toMap(v -> v.schedule().host(), v -> v, (a, b) -> a));
        List<Host> list = hosts.list();
        Map<String, Optional<HostState>> states = status.hosts(list);
        Map<String, SnapshotRow> latest = status.latestSnapshots();
        Map<String, RetentionPolicy> policies = policies();
        Inputs in = new Inputs(settings.current(), clock.instant());
        List<Card> out = new ArrayList<>();
        for (Host h : list) {
            out.add(card(h, own.get(h.name()), states.get(h.name()), latest.get(h.name()),
                    policies.getOrDefault(h.name(), retention.globalPolicy()), in));
        }
        return out;
    }

    Card card(String host) {
        Host h = hosts.get(host);
        HostScheduleView own = schedules.list().stream().filter(v -> v.schedule().host().equals(h.name())).findFirst()
                .orElse(null);
        RetentionPolicy policy;
        try {
            policy = retention.policy(h.name());
        } catch (RuntimeException e) {
            policy = retention.globalPolicy();
        }
        return card(h, own, status.state(h.name()), catalog.latest(h.name()).orElse(null), policy,
                new Inputs(settings.current(), clock.instant()));
    }

    private Map<String, RetentionPolicy> policies() {
        try {
            return retention.overriddenPolicies();
        } catch (RuntimeException e) {
            return Map.of(); // an override that no longer validates: the card shows the global tiers
        }
    }

    /** What every card of one page shares. */
    private record Inputs(GlobalSettings settings, Instant now) {
    }

    private Card card(Host h, HostScheduleView own, Optional<HostState> state, SnapshotRow latest, RetentionPolicy policy,
                      Inputs in) {
        Instant now = in.now();
        SnapshotFigures.Counts counts = latest == null ? null
                : snapshots.counts(h.name(), latest.name(), policy.hourlyHours(), policy.dailyDays(), now, in.settings().zone());
        long count = counts == null ? 0 : counts.total();
        Duration interval = expectedInterval(own, in.settings().zone(), now);
        boolean running = state.map(s -> s.status() == RunStatus.RUNNING).orElse(false);
        RunStatus last = state.map(HostState::status).orElse(null);
        String colour = colour(latest == null ? null : latest.finished(), last, interval, now);

        Path root = in.settings().backupRoot();
        BackupLayout layout = root == null ? null : new BackupLayout(root, h.name());
        List<String> archives = layout == null ? List.of() : names(layout.archivesDir(), false);
        List<String> monthly = layout == null ? List.of() : names(layout.monthlyDir(), true);
        String latestTarget = null;
        if (layout != null && Files.isSymbolicLink(layout.latestLink())) {
            try {
                latestTarget = Files.readSymbolicLink(layout.latestLink()).toString();
            } catch (IOException | UnsupportedOperationException e) {
                latestTarget = null;
            }
        }
        HostState s = state.orElse(null);
        String schedule = own != null && own.schedule().enabled() ? "cron " + own.schedule().cron()
                : "every " + intervalHours + " h";
        String tiers = counts == null ? "" : tiers(counts);
        return new Card(h.name(), h.enabled(), h.transport().id(), s == null ? "never" : s.statusWord(), colour,
                running, s, latest, count, tiers, monthly, archives.size(),
                archives.isEmpty() ? null : archives.getLast(), latestTarget, schedule, interval,
                texts(h.name(), s, latest, count, tiers, monthly, archives, latestTarget, in));
    }

    /**
     * The card's lines as finished text: a 100-host dashboard renders each expression 100 times,
     * and one preformatted string costs the template one evaluation instead of a dozen.
     */
    private static Texts texts(String host, HostState s, SnapshotRow latest, long count, String tiers, List<String> monthly,
                               List<String> archives, String latestTarget, Inputs in) {
        java.time.ZoneId zone = in.settings().zone();
        String lastRun = s == null ? "never" : Format.time(s.started(), zone) + " ("
                + Format.age(Duration.between(s.finished() != null ? s.finished() : s.started(), in.now())) + ")"
                + (s.dryRun() ? " dry run" : "");
        String hostPath = "/hosts/" + seg(host);
        String size = latest == null ? null : Format.bytes(latest.bytes()) + ", " + Format.count(latest.files())
                + " files; last run added " + Format.bytes(latest.newBytes()) + " (" + latest.created() + " new, "
                + latest.updated() + " changed, " + latest.deleted() + " deleted)";
        return new Texts(Format.name(host), hostPath, lastRun, s == null ? null : s.message(),
                latest == null ? null : "/browse/" + seg(host) + "/" + seg(latest.name()) + "/",
                latest == null ? null : Format.age(Duration.between(latest.finished(), in.now())), size,
                count + (count == 1 ? " snapshot" : " snapshots") + (tiers.isEmpty() ? "" : ": " + tiers),
                monthly.isEmpty() ? "none" : String.join(", ", monthly),
                archives.size() + (archives.isEmpty() ? "" : ", latest " + Format.name(archives.getLast())),
                latestTarget == null ? "—" : Format.name(latestTarget));
    }

    private static String seg(String s) {
        return org.springframework.web.util.UriUtils.encodePathSegment(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Preformatted lines of a card (see {@link #texts}); {@code message} and the links may be null. */
    public record Texts(String label, String hostPath, String lastRun, String message, String browse, String latestAge,
                        String size, String hourly, String monthly, String archives, String latestTarget) {
    }

    /** The host's own cron's typical gap, else the interval job's. */
    Duration expectedInterval(HostScheduleView own, java.time.ZoneId zone, Instant now) {
        if (own != null && own.schedule().enabled()) {
            try {
                List<Instant> next = Cron.nextRuns(own.schedule().cron(), zone, now, 3);
                if (next.size() >= 2) {
                    Duration gap = Duration.between(next.get(0), next.get(1));
                    for (int i = 2; i < next.size(); i++) {
                        Duration g = Duration.between(next.get(i - 1), next.get(i));
                        gap = g.compareTo(gap) > 0 ? g : gap;
                    }
                    return gap;
                }
            } catch (RuntimeException e) {
                // a schedule that no longer parses: fall back to the interval
            }
        }
        return Duration.ofHours(intervalHours);
    }

    /**
     * Green while the last good snapshot is within 1.5 intervals (and the last run did not fail),
     * amber up to 3 intervals (or when the last run failed), red beyond or with no snapshot: a host
     * that silently stopped backing up turns red.
     */
    static String colour(Instant lastGood, RunStatus lastRun, Duration interval, Instant now) {
        if (lastGood == null) {
            return "red";
        }
        Duration age = Duration.between(lastGood, now);
        if (age.compareTo(interval.multipliedBy(3)) > 0) {
            return "red";
        }
        boolean failed = lastRun == RunStatus.FAILED || lastRun == RunStatus.INTERRUPTED || lastRun == RunStatus.CANCELLED;
        if (age.compareTo(interval.multipliedBy(3).dividedBy(2)) > 0 || failed) {
            return "amber";
        }
        return "green";
    }

    private static String tiers(SnapshotFigures.Counts c) {
        return c.hourly() + " in the hourly tier (" + c.hourlyHours() + " h), " + (c.withDaily() - c.hourly())
                + " daily (" + c.dailyDays() + " d), " + (c.total() - c.withDaily()) + " older";
    }

    private static List<String> names(Path dir, boolean dirsOnly) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") || (dirsOnly && !Files.isDirectory(p)) || (!dirsOnly && !Files.isRegularFile(p))) {
                    continue;
                }
                out.add(n);
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }

    /** What a card shows. {@code state} is null for a host that never ran. */
    public record Card(String host, boolean enabled, String transport, String status, String colour, boolean running,
                HostState state, SnapshotRow latest, long snapshotCount, String tiers, List<String> monthly,
                int archiveCount, String latestArchive, String latestTarget, String schedule, Duration interval,
                Texts texts) {

        /** Files of the last snapshot: the figure a running transfer's file count is measured against. */
        public long expectedFiles() {
            return latest == null ? 0 : latest.files();
        }

        public HourlyFigures figures() {
            return state != null && state.hourly() instanceof HourlyFigures f ? f : null;
        }
    }
}
