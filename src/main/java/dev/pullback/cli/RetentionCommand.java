package dev.pullback.cli;

import dev.pullback.InvalidInputException;
import dev.pullback.Printable;
import dev.pullback.job.RetentionService;
import dev.pullback.job.Trigger;
import dev.pullback.retention.ApplyResult;
import dev.pullback.retention.PolicyOverride;
import dev.pullback.retention.RetentionPlan;
import dev.pullback.snapshot.HostLock;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "retention", mixinStandardHelpOptions = true, description = {
        "Show which snapshots of a host retention keeps or removes, and why; nothing changes.",
        "--apply removes them (asks first on a terminal; --yes to skip the question).",
        "The policy options set this host's override of the global policy (kept for later runs)."})
final class RetentionCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "HOST")
    String host;

    @Option(names = "--apply", description = "Remove what the plan removes, oldest first.")
    boolean apply;

    @Option(names = "--yes", description = "With --apply: do not ask.")
    boolean yes;

    @Option(names = "--max-delete", paramLabel = "N", description = "With --apply: remove at most N snapshots this time.")
    Integer maxDelete;

    @Option(names = "--override-hold", description = "Prune a held host anyway (its last run failed or its backups stopped).")
    boolean overrideHold;

    @Option(names = "--full", description = "One row per snapshot instead of runs of alike rows.")
    boolean full;

    @Option(names = "--json", description = "Print the plan (and the result) as JSON.")
    boolean json;

    @Option(names = "--keep-last", paramLabel = "N", description = "Override: always keep the N newest (0: off).")
    Integer keepLast;
    @Option(names = "--hourly-hours", paramLabel = "N", description = "Override: keep all within N hours.")
    Integer hourlyHours;
    @Option(names = "--daily-days", paramLabel = "N", description = "Override: the earliest per day within N days.")
    Integer dailyDays;
    @Option(names = "--weekly-weeks", paramLabel = "N", description = "Override: the earliest per week within N weeks.")
    Integer weeklyWeeks;
    @Option(names = "--monthly-months", paramLabel = "N", description = "Override: the earliest per month within N months.")
    Integer monthlyMonths;
    @Option(names = "--yearly-years", paramLabel = "N", description = "Override: the earliest per year within N years.")
    Integer yearlyYears;
    @Option(names = "--min-keep", paramLabel = "N", description = "Override: never keep fewer than N.")
    Integer minKeep;
    @Option(names = "--reset-policy", description = "Drop this host's override: the global policy applies.")
    boolean resetPolicy;

    @Override
    public Integer call() throws IOException {
        if (maxDelete != null && maxDelete < 1) {
            throw new InvalidInputException("max-delete", "must be at least 1, got " + maxDelete);
        }
        if ((yes || maxDelete != null) && !apply) {
            throw new InvalidInputException("apply", "--yes and --max-delete only go with --apply");
        }
        RetentionService service = service(RetentionService.class);
        PolicyOverride change = new PolicyOverride(keepLast, hourlyHours, dailyDays, weeklyWeeks, monthlyMonths, yearlyYears, minKeep);
        if (resetPolicy || !change.isEmpty()) {
            PolicyOverride next = resetPolicy ? change : merge(service.override(host), change);
            out().println("policy of " + host + ": " + service.setOverride(host, next).describe());
        }
        RetentionService.ApplyOptions options = new RetentionService.ApplyOptions(maxDelete, overrideHold, Trigger.CLI, true);
        RetentionPlan plan = service.plan(host, options);
        if (!apply) {
            print(plan);
            return ExitCodes.OK;
        }
        if (plan.toRemove().isEmpty()) {
            print(plan);
            out().println("nothing to remove");
            return ExitCodes.OK;
        }
        if (!yes) {
            if (!Terminal.isInteractive()) {
                throw new InvalidInputException("yes", "--apply removes snapshots and there is no terminal to ask on: add --yes");
            }
            print(plan);
            if (!Terminal.confirm("Remove " + plan.toRemove().size() + " snapshot(s) of " + host + "?")) {
                out().println("nothing removed");
                return ExitCodes.OK;
            }
        }
        RetentionService.Applied applied;
        try {
            applied = service.apply(host, options);
        } catch (HostLock.HostBusyException e) {
            err().println("pullback: " + e.getMessage() + "; nothing removed");
            return ExitCodes.LOCKED;
        }
        ApplyResult r = applied.result();
        if (json) {
            out().println(Json.write(applied));
        } else {
            r.removed().forEach(x -> out().println("removed " + x.name()));
            r.skipped().forEach(x -> err().println("kept " + x.name() + ": " + Printable.escape(x.reason())));
            r.failures().forEach(x -> err().println("failed " + x.name() + ": " + Printable.escape(x.message())));
            out().println(host + ": " + r.summary());
        }
        return r.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private void print(RetentionPlan plan) {
        if (json) {
            out().println(Json.write(plan));
            return;
        }
        plan.header().forEach(out()::println);
        out().print(full ? plan.table() : plan.compactTable());
        out().println(plan.summary());
    }

    private static PolicyOverride merge(PolicyOverride old, PolicyOverride change) {
        return new PolicyOverride(or(change.keepLast(), old.keepLast()), or(change.hourlyHours(), old.hourlyHours()),
                or(change.dailyDays(), old.dailyDays()), or(change.weeklyWeeks(), old.weeklyWeeks()),
                or(change.monthlyMonths(), old.monthlyMonths()), or(change.yearlyYears(), old.yearlyYears()),
                or(change.minKeep(), old.minKeep()));
    }

    private static Integer or(Integer a, Integer b) {
        return a != null ? a : b;
    }
}
