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
    private final HeavySteps steps;
    private final JobRepository jobs;
    private final Clock clock;

    public HeavyService(SettingsService settings, HeavySteps steps, JobRepository jobs, Clock clock) {
        this.settings = settings;
        this.steps = steps;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * @param onStage called as each stage starts
     * @param onTar   called with the archive result and the number of archives removed, for the live status
     */
    public JobReport.HostReport run(Host host, Long jobId, Trigger trigger, Cancellation cancel, Consumer<Stage> onStage,
                                    BiConsumer<Object, Integer> onTar) {
        GlobalSettings global = settings.current();
        Path root = BackupService.backupRoot(global);
        BackupLayout layout = new BackupLayout(root, host.name());
        String owner = "pid " + ProcessHandle.current().pid() + " on " + BackupService.node() + " (" + trigger.id() + " heavy)";
        try (HostLock lock = HostLock.acquireHeavy(layout, owner, clock.instant())) {
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
                    BackupService.bookkeeping("record the stage", () -> {
                        jobs.stage(rowId, stage);
                        return null;
                    });
                }
                HeavySteps.StepResult r = step(stage, layout, global, cancel);
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
                BackupService.bookkeeping("record the result", () -> {
                    jobs.finishHeavy(rowId, finalStatus, clock.instant(), metrics, finalStatus == RunStatus.OK ? null : message);
                    return null;
                });
            }
            return new JobReport.HostReport(host.name(), status, message);
        } catch (HostLock.HostBusyException e) {
            return new JobReport.HostReport(host.name(), RunStatus.ALREADY_RUNNING, e.getMessage());
        } catch (IOException e) {
            log.error("heavy stages of {} failed", host.name(), e);
            return new JobReport.HostReport(host.name(), RunStatus.FAILED, "cannot lock " + layout.heavyLockFile() + ": " + e.getMessage());
        }
    }

    private HeavySteps.StepResult step(Stage stage, BackupLayout layout, GlobalSettings global, Cancellation cancel) {
        try {
            return switch (stage) {
                case TAR -> steps.tar(layout, global.zone(), cancel);
                case MONTHLY -> steps.monthly(layout, global.zone(), cancel);
                case CLEANUP -> steps.cleanup(layout, global.zone());
                default -> throw new IllegalArgumentException(stage.id());
            };
        } catch (IOException | RuntimeException e) {
            log.error("{} of {} failed", stage.id(), layout.host(), e);
            return new HeavySteps.StepResult(RunStatus.FAILED, e.getMessage() == null ? e.toString() : e.getMessage(), null, 0);
        }
    }
}
