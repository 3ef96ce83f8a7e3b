package dev.pullback.cli;

import dev.pullback.InvalidInputException;
import dev.pullback.schedule.HostSchedule;
import dev.pullback.schedule.HostScheduleView;
import dev.pullback.schedule.ScheduleOverview;
import dev.pullback.schedule.ScheduleService;
import dev.pullback.schedule.ScheduledJob;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Show or change when backups run.",
                "  pullback schedule                             every scheduled job and its next run",
                "  pullback schedule HOST                        the host's own schedule and its next runs",
                "  pullback schedule HOST --cron EXPR [--prune]  give the host its own schedule",
                "  pullback schedule HOST --remove               back to the interval snapshot job",
                "EXPR is cron in the configured time zone: 5 fields (minute hour day-of-month month day-of-week),"
                        + " e.g. \"15 2 * * *\", or @hourly, @daily, @weekly, @monthly.",
                "A host with its own schedule is left out of the interval snapshot job (SNAPSHOT_INTERVAL_HOURS)."
                        + " Schedules run while `pullback serve` or `pullback scheduler --loop` runs."})
final class ScheduleCommand extends CliCommand {
    private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z (xxx)");

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST")
    String host;

    @Option(names = "--cron", paramLabel = "EXPR", description = "Cron expression, quoted: \"15 2 * * *\".")
    String cron;

    @Option(names = "--prune", description = "Apply the host's retention after each successful scheduled snapshot.")
    boolean prune;

    @Option(names = "--remove", description = "Remove the host's own schedule.")
    boolean remove;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        if (cron != null && remove) {
            throw new InvalidInputException("schedule", "give either --cron or --remove, not both");
        }
        if (prune && cron == null) {
            throw new InvalidInputException("prune", "--prune goes with --cron: pullback schedule HOST --cron EXPR --prune");
        }
        if (host == null && (cron != null || remove)) {
            throw new InvalidInputException("host", "--cron and --remove need a HOST: pullback schedule HOST --cron EXPR");
        }
        ScheduleService service = service(ScheduleService.class);
        if (host == null) {
            printOverview(service.overview());
        } else if (remove) {
            service.remove(host);
            out().println(host + ": schedule removed; it runs with the interval snapshot job again");
        } else if (cron != null) {
            printHost(service.set(host, cron, prune));
        } else {
            printHost(service.get(host));
        }
        return ExitCodes.OK;
    }

    private void printHost(HostScheduleView view) {
        if (json) {
            out().println(Json.write(view));
            return;
        }
        HostSchedule s = view.schedule();
        out().println(s.host() + ": cron \"" + s.cron() + "\", prune " + (s.prune() ? "yes" : "no")
                + (s.enabled() ? "" : ", disabled") + ", zone " + view.zone());
        if (!view.nextRuns().isEmpty()) {
            out().println("next runs:");
            for (Instant run : view.nextRuns()) {
                out().println("  " + ZONED.format(run.atZone(view.zone())));
            }
        }
    }

    private void printOverview(ScheduleOverview overview) {
        if (json) {
            out().println(Json.write(overview));
            return;
        }
        ZoneId zone = overview.zone();
        Table t = new Table("JOB", "TRIGGER", "HOSTS", "PRUNE", "NEXT RUN (" + zone + ")");
        for (ScheduledJob j : overview.jobs()) {
            String next = j.nextRun() == null ? "-" : Text.time(j.nextRun(), zone)
                    + (j.running() ? " (running)" : j.nextRun().isBefore(overview.now()) ? " (overdue)" : "");
            t.row(j.id(), j.trigger(), j.hosts().isEmpty() ? "(none)" : String.join(",", j.hosts()),
                    j.prune() ? "yes" : "no", j.enabled() ? next : "disabled");
        }
        t.print(out());
        if (overview.jobs().stream().anyMatch(j -> !j.running() && j.nextRun() != null
                && j.nextRun().isBefore(overview.now().minusSeconds(120)))) {
            out().println("(overdue runs: is `pullback serve` or `pullback scheduler --loop` running?)");
        }
    }
}
