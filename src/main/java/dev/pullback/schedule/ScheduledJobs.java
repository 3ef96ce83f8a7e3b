package dev.pullback.schedule;

import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.job.JobAlreadyRunningException;
import dev.pullback.job.JobLauncher;
import dev.pullback.job.JobReport;
import dev.pullback.job.JobRequest;
import dev.pullback.job.JobType;
import dev.pullback.job.Trigger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each scheduled slot does: build the {@link JobRequest} and hand it to the {@link JobLauncher}.
 * A job of the same type still running is not an error: the slot is logged and dropped, as
 * Backup Manager's deduplication guard did.
 */
public class ScheduledJobs {
    private static final Logger log = LoggerFactory.getLogger(ScheduledJobs.class);

    private final Supplier<JobLauncher> launcher;
    private final HostService hosts;
    private final ScheduleRepository schedules;

    /** @param launcher looked up when a slot fires, so contexts that never run a job need none */
    public ScheduledJobs(Supplier<JobLauncher> launcher, HostService hosts, ScheduleRepository schedules) {
        this.launcher = launcher;
        this.hosts = hosts;
        this.schedules = schedules;
    }

    /** Enabled hosts without an enabled schedule of their own, by name. */
    public List<String> intervalHosts() {
        Set<String> own = schedules.findAll().stream().filter(HostSchedule::enabled).map(HostSchedule::host)
                .collect(Collectors.toSet());
        return hosts.list().stream().filter(Host::enabled).map(Host::name).filter(h -> !own.contains(h)).toList();
    }

    /** Enabled hosts, by name: the heavy job's scope. */
    public List<String> enabledHosts() {
        return hosts.list().stream().filter(Host::enabled).map(Host::name).toList();
    }

    void runInterval() {
        List<String> names = intervalHosts();
        if (names.isEmpty()) {
            log.debug("interval snapshot slot: no enabled host without its own schedule, nothing to do");
            return;
        }
        launch(new JobRequest(JobType.SNAPSHOT, Trigger.SCHEDULE, names, false, false), "interval snapshot job");
    }

    void runHeavy() {
        launch(JobRequest.allHosts(JobType.HEAVY, Trigger.SCHEDULE), "heavy job");
    }

    /** @return the schedule that fired, empty when it was removed or disabled meanwhile (the slot is dropped) */
    Optional<HostSchedule> runHost(String host) {
        Optional<HostSchedule> schedule = schedules.find(host).filter(HostSchedule::enabled);
        if (schedule.isEmpty()) {
            log.info("schedule of {} was removed or disabled: slot dropped", host);
            return schedule;
        }
        Optional<Host> h = hosts.list().stream().filter(x -> x.name().equals(host)).findFirst();
        if (h.isEmpty() || !h.get().enabled()) {
            log.info("host {} is {}: its scheduled snapshot is skipped", host, h.isEmpty() ? "gone" : "disabled");
            return schedule;
        }
        launch(new JobRequest(JobType.SNAPSHOT, Trigger.SCHEDULE, List.of(host), false, schedule.get().prune()),
                "scheduled snapshot of " + host);
        return schedule;
    }

    private void launch(JobRequest request, String what) {
        try {
            JobReport report = launcher.get().run(request);
            log.info("{}: job {} finished: {}", what, report.jobId(), report.status().id());
        } catch (JobAlreadyRunningException e) {
            log.warn("{}: {}", what, e.getMessage());
        }
    }
}
