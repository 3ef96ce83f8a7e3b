package dev.pullback.api;

import dev.pullback.NotFoundException;
import dev.pullback.job.HostRunRow;
import dev.pullback.job.JobRepository;
import dev.pullback.job.JobRequest;
import dev.pullback.job.JobRow;
import dev.pullback.job.JobService;
import dev.pullback.job.JobType;
import dev.pullback.job.RunFilter;
import dev.pullback.job.Trigger;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Starting, cancelling and listing jobs. Starts answer 202 at once; the job runs in the background. */
@RestController
@RequestMapping("/api")
class JobController {
    private final JobService jobs;
    private final JobRepository history;

    JobController(JobService jobs, JobRepository history) {
        this.jobs = jobs;
        this.history = history;
    }

    /** Backup Manager's "run a full backup": a snapshot of every enabled host. 409 while one runs. */
    @PostMapping("/trigger")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Started trigger() {
        return start(new JobRequest(JobType.SNAPSHOT, Trigger.API, List.of(), false, false));
    }

    /** Connectivity and rsync --dry-run for every enabled host; writes nothing. */
    @PostMapping("/trigger/dry-run")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Started dryRun() {
        return start(new JobRequest(JobType.SNAPSHOT, Trigger.API, List.of(), true, false));
    }

    /** The heavy stages (archive, monthly copy, cleanup) for every enabled host now, without waiting for the schedule. */
    @PostMapping("/trigger/heavy")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Started heavy() {
        return start(new JobRequest(JobType.HEAVY, Trigger.API, List.of(), false, false));
    }

    /** One host's snapshot now; body {@code {"dry_run": true}} optional. */
    @PostMapping("/hosts/{host}/backup")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Started backupHost(@PathVariable String host, @RequestBody(required = false) BackupBody body) {
        boolean dry = body != null && Boolean.TRUE.equals(body.dryRun());
        return start(new JobRequest(JobType.SNAPSHOT, Trigger.API, List.of(host), dry, false));
    }

    /** Stops the host's running stage (TERM, then KILL after 2 s) and removes its partial output. 409 when nothing runs. */
    @PostMapping("/cancel/{host}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Cancelled cancel(@PathVariable String host) {
        if (!jobs.cancel(host)) {
            throw new dev.pullback.ConflictException("host", "nothing is running for '" + host + "'");
        }
        return new Cancelled(host, true);
    }

    /** The job history, newest first; filters by host, status and type. */
    @GetMapping("/runs")
    RunsPage runs(@RequestParam(required = false) String host, @RequestParam(required = false) String status,
                  @RequestParam(required = false) String type, @RequestParam(defaultValue = "0") int page,
                  @RequestParam(defaultValue = "50") int size) {
        RunFilter f = RunFilter.parse(host, status, type, page, size);
        return new RunsPage(history.jobs(f), page, size, history.countJobs(f));
    }

    @GetMapping("/runs/{id}")
    RunDetail run(@PathVariable long id) {
        JobRow job = history.job(id).orElseThrow(() -> new NotFoundException("id", "no job " + id));
        return new RunDetail(job, history.hostRuns(id));
    }

    private Started start(JobRequest request) {
        Long id = jobs.start(request);
        return new Started(id, request.type().id(), request.dryRun(), request.hosts());
    }

    record BackupBody(Boolean dryRun) {
    }

    /** @param jobId null when the database is unavailable (the job runs all the same) */
    record Started(Long jobId, String jobType, boolean dryRun, List<String> hosts) {
    }

    record Cancelled(String host, boolean cancelRequested) {
    }

    record RunsPage(List<JobRow> items, int page, int size, long total) {
    }

    record RunDetail(JobRow job, List<HostRunRow> hosts) {
    }
}
