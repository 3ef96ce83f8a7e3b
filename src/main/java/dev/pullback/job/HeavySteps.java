package dev.pullback.job;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.transport.Cancellation;
import java.io.IOException;
import java.time.ZoneId;

/** The heavy stages of one host, as the archive package provides them; each reads only {@code latest}. */
public interface HeavySteps {
    StepResult tar(BackupLayout layout, ZoneId zone, Cancellation cancel) throws IOException;

    StepResult monthly(BackupLayout layout, ZoneId zone, Cancellation cancel) throws IOException;

    StepResult cleanup(BackupLayout layout, ZoneId zone) throws IOException;

    /**
     * @param details        what the API shows for the stage (a record, serialised as JSON)
     * @param archivesRemoved archives deleted by the stage (cleanup)
     */
    record StepResult(RunStatus status, String message, Object details, int archivesRemoved) {
    }
}
