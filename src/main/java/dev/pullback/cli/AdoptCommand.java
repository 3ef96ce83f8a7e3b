package dev.pullback.cli;

import dev.pullback.InvalidInputException;
import dev.pullback.Printable;
import dev.pullback.discovery.AdoptService;
import dev.pullback.discovery.DiscoveryService;
import dev.pullback.discovery.RsnapshotAdoption;
import dev.pullback.job.Trigger;
import dev.pullback.retention.PolicyOverride;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "adopt", mixinStandardHelpOptions = true,
        description = {"Adopt an existing rsnapshot history in place: its backup points become hosts, its excludes",
                "theirs, its retain lines a proposed policy, and its newest snapshot of each point the link base",
                "of pullback's first run (nothing is copied; the rsnapshot tree is left as it is).",
                "Prints the plan; --yes applies it."})
final class AdoptCommand extends CliCommand {
    @Option(names = "--from", required = true, paramLabel = "TOOL", description = "The tool to adopt from: rsnapshot or rsync-time-backup.")
    String from;

    @Option(names = "--host", paramLabel = "HOST", description = "rsync-time-backup: the configured host whose history --root is.")
    String host;

    @Option(names = "--config", paramLabel = "FILE", description = "rsnapshot's configuration, e.g. /etc/rsnapshot.conf.")
    Path config;

    @Option(names = "--root", paramLabel = "DIR", description = "rsnapshot's snapshot_root (when there is no configuration), or rsync-time-backup's destination.")
    Path root;

    @Option(names = "--yes", description = "Apply the plan (configure the hosts, set the policy, link the base).")
    boolean yes;

    @Override
    public Integer call() {
        if ("rsync-time-backup".equals(from)) {
            if (host == null || root == null) {
                throw new InvalidInputException("host", "rsync-time-backup needs --host HOST (configured first) and --root DIR");
            }
            AdoptService service = service(AdoptService.class);
            Path base = service.planRsyncTimeBackup(root, host);
            out().println("host " + host + ": the newest complete rsync-time-backup snapshot " + base + " becomes the link base");
            if (!yes) {
                out().println("nothing changed; run again with --yes to apply this plan");
                return ExitCodes.OK;
            }
            out().println(service.linkBase(host, base));
            importHistory(List.of(host));
            return ExitCodes.OK;
        }
        if (!"rsnapshot".equals(from)) {
            throw new InvalidInputException("from", "'" + Printable.escape(from) + "' is not supported: rsnapshot or rsync-time-backup "
                    + "(Backup Manager's and pullback's own layouts need no adoption: run discover-snapshots)");
        }
        AdoptService service = service(AdoptService.class);
        RsnapshotAdoption plan = service.plan(config, root);
        out().println("rsnapshot snapshot_root " + plan.snapshotRoot());
        for (RsnapshotAdoption.HostAdoption h : plan.hosts()) {
            out().println("host " + h.host() + ": " + (h.local() ? "transport local"
                    : "transport ssh, address " + h.address() + (h.user() == null ? "" : ", user " + h.user())));
            h.sources().forEach(s -> out().println("  source  " + Printable.escape(s)));
            h.excludes().forEach(e -> out().println("  exclude " + Printable.escape(e)));
            out().println("  " + h.snapshots().size() + " rsnapshot snapshot(s); link base: "
                    + (h.linkBase() == null ? "none (the first run is a full copy)" : h.linkBase()));
        }
        PolicyOverride p = plan.policy();
        out().println("proposed policy (" + plan.policyText() + "): keep-last " + p.keepLast() + ", hourly-hours " + p.hourlyHours()
                + ", daily-days " + p.dailyDays() + ", weekly-weeks " + p.weeklyWeeks() + ", monthly-months " + p.monthlyMonths()
                + ", yearly-years " + p.yearlyYears());
        plan.notes().forEach(n -> out().println("note: " + Printable.escape(n)));
        if (plan.hosts().isEmpty()) {
            err().println("nothing to adopt: no backup points found");
            return ExitCodes.FAILURE;
        }
        if (!yes) {
            out().println("nothing changed; run again with --yes to apply this plan");
            return ExitCodes.OK;
        }
        service.apply(plan).forEach(l -> out().println(l));
        importHistory(plan.hosts().stream().map(RsnapshotAdoption.HostAdoption::host).toList());
        return ExitCodes.OK;
    }

    /** The adopted history goes into the index at once, as {@code discover-snapshots --host HOST} would do it. */
    private void importHistory(List<String> hosts) {
        DiscoveryService discovery = service(DiscoveryService.class);
        for (String h : hosts) {
            discovery.discover(h, false, Trigger.CLI).imports()
                    .forEach(p -> out().println(p.host() + ": history indexed: " + p.summary()));
        }
    }
}
