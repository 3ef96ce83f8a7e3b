package dev.pullback.job;

import java.util.List;

/**
 * A job to run.
 *
 * @param hosts  the hosts to run it for; empty means every enabled host
 * @param prune  apply the host's retention after a successful snapshot (retention issue)
 */
public record JobRequest(JobType type, Trigger trigger, List<String> hosts, boolean dryRun, boolean prune) {
    public JobRequest {
        hosts = List.copyOf(hosts);
    }

    public static JobRequest allHosts(JobType type, Trigger trigger) {
        return new JobRequest(type, trigger, List.of(), false, false);
    }
}
