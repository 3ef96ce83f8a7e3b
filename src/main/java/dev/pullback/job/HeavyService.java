package dev.pullback.job;

import dev.pullback.host.Host;
import dev.pullback.settings.GlobalSettings;
import dev.pullback.settings.SettingsService;
import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.HostLock;
import dev.pullback.transport.Cancellation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import dev.pullback.archive.CleanupResult;
import dev.pullback.archive.HeavyPipeline;
import dev.pullback.archive.MonthlyResult;
import dev.pullback.archive.StageOutcome;
import dev.pullback.archive.TarResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heavy stages of one host (tar, monthly copy, cleanup), in Backup Manager's order. They read
 * only the snapshot {@code latest} points to and never pull. Each stage checks for a cancel before
 * it starts; the running one stops its subprocess and removes its partial output.
 */
public class HeavyService {
    private static final Logger log = LoggerFactory.getLogger(HeavyService.class);

    private final SettingsService settings;
    private final HeavyPipeline pipeline;
    private final JobRepository jobs;
    private final Bookkeeping bookkeeping;
    private final Clock clock;

    public HeavyService(SettingsService settings, HeavyPipeline pipeline, JobRepository jobs, Bookkeeping bookkeeping, Clock clock) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.jobs = jobs;
        this.bookkeeping = bookkeeping;
        this.clock = clock;
    }

    /**
     * @param onStage called as each stage starts
     * @param onTar   called with the archive result and the number of archives removed, for the live status
     * @param written called with the compressed bytes written so far while an archive is made
     */
    public JobReport.HostReport run(Host host, Long jobId, Trigger trigger, Cancellation cancel, Consumer<Stage> onStage,
                                    BiConsumer<Object, Integer> onTar, LongConsumer written) {
        GlobalSettings global = settings.current();
        Path root = BackupService.backupRoot(global);
        BackupLayout layout = new BackupLayout(root, host.name());
        String owner = "pid " + ProcessHandle.current().pid() + " on " + BackupService.node() + " (" + trigger.id() + " heavy)";
        try (HostLock lock = HostLock.acquireHeavy(layout, owner, clock.instant())) {
            BackupService.bookkeeping("clear stale runs", () -> jobs.interruptStale(host.name(), JobType.HEAVY, clock.instant()));
            Long rowId = jobId == null ? null : BackupService.bookkeeping("record the run", () -> jobs.startHost(jobId,
                    host.name(), Stage.TAR, clock.instant(), ProcessHandle.current().pid(), BackupService.node()));
            Map<String, Object> metrics = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            RunStatus status = RunStatus.OK;
            for (Stage stage : List.of(Stage.TAR, Stage.MONTHLY, Stage.CLEANUP)) {
                if (cancel.requested()) {
                    status = RunStatus.CANCELLED;
                    problems.add("cancelled before " + stage.id());
                    break;
                }
                onStage.accept(stage);
                if (rowId != null) {
                    bookkeeping.write("record the stage of run " + rowId, () -> jobs.stage(rowId, stage));
                }
                StepResult r = step(stage, layout, global, cancel, written);
                metrics.put(stage.id(), r.details() == null ? r.message() : r.details());
                if (stage == Stage.TAR || stage == Stage.CLEANUP) {
                    onTar.accept(stage == Stage.TAR ? r.details() : null, r.archivesRemoved());
                }
                if (r.status() == RunStatus.CANCELLED) {
                    status = RunStatus.CANCELLED;
                    problems.add(stage.id() + ": " + r.message());
                    break;
                }
                if (r.status() == RunStatus.FAILED) {
                    // a failed archive must not stop the monthly copy or the cleanup: each stands alone
                    status = RunStatus.FAILED;
                    problems.add(stage.id() + ": " + r.message());
                }
            }
            String message = problems.isEmpty() ? "heavy stages done" : String.join("; ", problems);
            RunStatus finalStatus = status;
            if (rowId != null) {
                java.time.Instant finished = clock.instant();
                bookkeeping.write("record the result of run " + rowId,
                        () -> jobs.finishWithMetrics(rowId, finalStatus, finished, metrics, finalStatus == RunStatus.OK ? null : message));
            }
            return new JobReport.HostReport(host.name(), status, message);
        } catch (HostLock.HostBusyException e) {
            return new JobReport.HostReport(host.name(), RunStatus.ALREADY_RUNNING, e.getMessage());
        } catch (IOException e) {
            log.error("heavy stages of {} failed", host.name(), e);
            return new JobReport.HostReport(host.name(), RunStatus.FAILED, "cannot lock " + layout.heavyLockFile() + ": " + e.getMessage());
        }
    }

    private StepResult step(Stage stage, BackupLayout layout, GlobalSettings global, Cancellation cancel, LongConsumer written) {
        try {
            return switch (stage) {
                case TAR -> {
                    TarResult t = pipeline.tar(layout, global.zone(), cancel, written);
                    yield new StepResult(status(t.outcome()), t.message(), TarInfo.of(t), 0);
                }
                case MONTHLY -> {
                    MonthlyResult m = pipeline.monthly(layout, global.zone(), cancel);
                    yield new StepResult(status(m.outcome()), m.message(), m.outcome() == StageOutcome.SKIPPED ? m.message()
                            : java.util.Map.of("outcome", m.outcome().name().toLowerCase(java.util.Locale.ROOT),
                            "month", String.valueOf(m.month()), "snapshot", String.valueOf(m.snapshot())), 0);
                }
                case CLEANUP -> {
                    CleanupResult c = pipeline.cleanup(layout, global.zone(), cancel);
                    yield new StepResult(c.errors().isEmpty() ? status(c.outcome()) : RunStatus.FAILED,
                            c.errors().isEmpty() ? c.message() : c.message() + ": " + String.join("; ", c.errors()),
                            java.util.Map.of("archives_removed", c.archivesRemoved(), "monthly_removed", c.monthlyRemoved(),
                                    "removed", c.removed(), "errors", c.errors()), c.archivesRemoved());
                }
                default -> throw new IllegalArgumentException(stage.id());
            };
        } catch (RuntimeException e) {
            log.error("{} of {} failed", stage.id(), layout.host(), e);
            return new StepResult(RunStatus.FAILED, e.getMessage() == null ? e.toString() : e.getMessage(), null, 0);
        }
    }

    private static RunStatus status(StageOutcome o) {
        return switch (o) {
            case CREATED, DONE -> RunStatus.OK;
            case SKIPPED -> RunStatus.SKIPPED;
            case CANCELLED -> RunStatus.CANCELLED;
            case FAILED -> RunStatus.FAILED;
        };
    }

    /** One stage's result as the job records it; {@code details} is what the API shows. */
    private record StepResult(RunStatus status, String message, Object details, int archivesRemoved) {
    }

    /** The {@code tar} object of {@code /api/status}. */
    public record TarInfo(String outcome, String snapshot, String file, long archiveBytes, long inputBytes,
                          double seconds, String message) {
        static TarInfo of(TarResult t) {
            return new TarInfo(t.outcome().name().toLowerCase(java.util.Locale.ROOT), t.snapshot(),
                    t.file() == null ? null : t.file().getFileName().toString(), t.archiveBytes(), t.inputBytes(),
                    t.duration() == null ? 0 : t.duration().toMillis() / 1000.0, t.message());
        }
    }
}
