package dev.pullback.cli;

import dev.pullback.InvalidInputException;
import dev.pullback.Printable;
import dev.pullback.job.JobReport;
import dev.pullback.job.JobRequest;
import dev.pullback.job.JobService;
import dev.pullback.job.JobType;
import dev.pullback.job.RunStatus;
import dev.pullback.job.Trigger;
import dev.pullback.transport.RsyncRun;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup", mixinStandardHelpOptions = true, description = {"Take a snapshot of a host now (or of every enabled host with --all, several at once).",
        "--dry-run checks the connection and shows what would be transferred; it writes nothing."})
final class BackupCommand extends CliCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST")
    String host;

    @Option(names = "--all", description = "Every enabled host, up to PULLBACK_MAX_PARALLEL at once.")
    boolean all;

    @Option(names = "--dry-run", description = "Connectivity and rsync --dry-run only.")
    boolean dryRun;

    @Option(names = "--prune", description = "Apply the host's retention after a successful snapshot.")
    boolean prune;

    @Override
    public Integer call() {
        if (prune && dryRun) {
            throw new InvalidInputException("prune", "a dry run never prunes; drop --prune or --dry-run");
        }
        if ((host == null) == !all) {
            throw new InvalidInputException("backup", "give either HOST or --all");
        }
        TerminalProgress progress = TerminalProgress.forStderr(err());
        JobRequest request = new JobRequest(JobType.SNAPSHOT, Trigger.CLI, all ? List.of() : List.of(host), dryRun, prune);
        JobReport report = service(JobService.class).run(request, all ? progress::forHost : h -> progress);
        progress.clear();
        RunStatus worst = RunStatus.OK;
        for (JobReport.HostReport r : report.hosts()) {
            print(r);
            worst = worst.worst(r.status());
        }
        if (report.hosts().isEmpty()) {
            out().println("no enabled hosts");
        }
        return ExitCodes.of(worst);
    }

    private void print(JobReport.HostReport r) {
        (r.status() == RunStatus.OK || r.status() == RunStatus.SKIPPED ? out() : err())
                .println(r.host() + ": " + r.status().id() + ": " + Printable.escape(r.message()));
        if (r.snapshot() == null) {
            return;
        }
        if (dryRun) {
            for (RsyncRun run : r.snapshot().runs()) {
                out().println("  $ " + run.plan().display());
            }
        }
        r.snapshot().warnings().stream().limit(10).forEach(w -> err().println("  warning: " + Printable.escape(w)));
        out().flush();
        err().flush();
    }
}
