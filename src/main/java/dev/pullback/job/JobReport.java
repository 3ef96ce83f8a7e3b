package dev.pullback.job;

import java.util.List;

/** How a job ended: its id (null when the database was unavailable), overall status, each host's result. */
public record JobReport(Long jobId, RunStatus status, List<HostReport> hosts) {
    public JobReport {
        hosts = List.copyOf(hosts);
    }

    /** One host's part of a job. */
    public record HostReport(String host, RunStatus status, String message) {
    }
}
