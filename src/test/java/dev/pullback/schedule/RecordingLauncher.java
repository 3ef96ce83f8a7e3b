package dev.pullback.schedule;

import dev.pullback.job.JobLauncher;
import dev.pullback.job.JobReport;
import dev.pullback.job.JobRequest;
import dev.pullback.job.RunStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link JobLauncher} that records each request and the clock's time, and does nothing else:
 * the scheduler is what is under test. {@link #then} sets what the next calls do (e.g. throw).
 */
public final class RecordingLauncher implements JobLauncher {
    /** One call: the request and the (test) clock's time when it came. */
    public record Call(JobRequest request, Instant at) {
    }

    private final Clock clock;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Consumer<JobRequest> behaviour = r -> { };

    public RecordingLauncher(Clock clock) {
        this.clock = clock;
    }

    @Override
    public JobReport run(JobRequest request) {
        calls.add(new Call(request, clock.instant()));
        behaviour.accept(request);
        return new JobReport(ids.incrementAndGet(), RunStatus.OK, List.of());
    }

    public RecordingLauncher then(Consumer<JobRequest> next) {
        behaviour = next;
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Instant> times() {
        return calls.stream().map(Call::at).toList();
    }

    public void clear() {
        calls.clear();
    }
}
