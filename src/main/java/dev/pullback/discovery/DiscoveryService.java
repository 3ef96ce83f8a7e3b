package dev.pullback.discovery;

import dev.pullback.host.Host;
import dev.pullback.host.HostRules;
import dev.pullback.host.HostService;
import dev.pullback.job.JobRepository;
import dev.pullback.job.JobType;
import dev.pullback.job.RunStatus;
import dev.pullback.job.Trigger;
import dev.pullback.settings.SettingsService;
import dev.pullback.store.DiscoveryStatus;
import dev.pullback.store.DiscoveryStatusRepository;
import dev.pullback.store.SqlSnapshotCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery: the preflight, then the import of what is on disk into the snapshot index. The one
 * entry point for the CLI, the API and (later) the dashboard. The disk is the truth; this only
 * ever records, restores or marks missing — it never deletes a row or touches a snapshot.
 */
public class DiscoveryService {
    private static final Logger log = LoggerFactory.getLogger(DiscoveryService.class);

    private final SettingsService settings;
    private final HostService hosts;
    private final SqlSnapshotCatalog catalog;
    private final JobRepository jobs;
    private final DiscoveryStatusRepository statuses;
    private final Clock clock;
    private volatile Preflight last;

    public DiscoveryService(SettingsService settings, HostService hosts, SqlSnapshotCatalog catalog, JobRepository jobs,
                            DiscoveryStatusRepository statuses, Clock clock) {
        this.statuses = statuses;
        this.settings = settings;
        this.hosts = hosts;
        this.catalog = catalog;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** @param host one configured host, or null for every configured host */
    public Preflight preflight(String host) {
        Preflight p = DiscoveryScanner.preflight(settings.current().backupRoot(), hostNames(host), clock.instant(),
                settings.current().zone());
        last = p;
        for (HostScan h : p.hosts()) {
            bookkeeping("save the preflight of " + h.host(), () -> statuses.savePreflight(new DiscoveryStatus(h.host(), p.at(),
                    h.dirState().id(), h.layoutText(), h.count(FoundSnapshot.State.COMPLETE), h.count(FoundSnapshot.State.PARTIAL),
                    h.count(FoundSnapshot.State.UNKNOWN), h.warnings(), null, null)));
        }
        return p;
    }

    /** A host's last preflight and import, as saved (the host page shows it without scanning again). */
    public Optional<DiscoveryStatus> status(String host) {
        return statuses.find(hosts.get(HostRules.name(host)).name());
    }

    /** The index is the record, not the backup: a database hiccup here is logged, never fatal. */
    private static void bookkeeping(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("could not {}: {}", what, e.toString());
        }
    }

    /** The most recent preflight of this process (the dashboard shows it without scanning again). */
    public Optional<Preflight> lastPreflight() {
        return Optional.ofNullable(last);
    }

    /** The preflight, then the import (unless {@code dryRun}: then the plan only). Recorded as a DISCOVERY job. */
    public DiscoveryResult discover(String host, boolean dryRun, Trigger trigger) {
        Preflight p = preflight(host);
        Long jobId = null;
        try {
            jobId = jobs.startJob(JobType.DISCOVERY, trigger, dryRun, clock.instant());
        } catch (RuntimeException e) {
            log.warn("could not record the discovery job: {}", e.toString());
        }
        List<ImportPlan> plans = new ArrayList<>();
        try {
            for (HostScan scan : p.hosts()) {
                ImportPlan plan = ImportPlan.of(scan, catalog.indexed(scan.host()), p.root().usable());
                if (!dryRun) {
                    apply(plan);
                    bookkeeping("save the import of " + plan.host(), () -> statuses.saveImport(plan.host(), p.at(), plan.summary()));
                }
                plans.add(plan);
            }
        } catch (RuntimeException e) {
            finish(jobId, RunStatus.FAILED, e.toString());
            throw e;
        }
        finish(jobId, RunStatus.OK, null);
        return new DiscoveryResult(p, plans, dryRun, jobId);
    }

    private void apply(ImportPlan plan) {
        catalog.recordAll(plan.host(), plan.record().stream().map(s -> java.util.Map.entry(s.dir(), s.marker())).toList());
        for (FoundSnapshot s : plan.restore()) {
            catalog.setStatus(plan.host(), s.name(), s.marker().status(), s.dir().toString());
        }
        for (String name : plan.missing()) {
            catalog.markMissing(plan.host(), name);
        }
        if (!plan.changesNothing()) {
            log.info("discovery of {}: {}", plan.host(), plan.summary());
        }
    }

    private void finish(Long jobId, RunStatus status, String error) {
        if (jobId != null) {
            try {
                jobs.finishJob(jobId, status, clock.instant(), error);
            } catch (RuntimeException e) {
                log.warn("could not finish the discovery job: {}", e.toString());
            }
        }
    }

    private List<String> hostNames(String host) {
        if (host != null) {
            return List.of(hosts.get(HostRules.name(host)).name());
        }
        return hosts.list().stream().map(Host::name).toList();
    }
}
