package dev.pullback.job;

import dev.pullback.snapshot.SnapshotResult;
import java.util.List;

/** How a job ended: its id (null when the database was unavailable), overall status, each host's result. */
public record JobReport(Long jobId, RunStatus status, List<HostReport> hosts) {
    public JobReport {
        hosts = List.copyOf(hosts);
    }

    /**
     * One host's part of a job.
     *
     * @param snapshot the engine's result for a snapshot run; null for heavy runs and refused ones
     */
    public record HostReport(String host, RunStatus status, String message, SnapshotResult snapshot) {
        public HostReport(String host, RunStatus status, String message) {
            this(host, status, message, null);
        }
    }
}
