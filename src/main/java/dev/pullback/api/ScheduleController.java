package dev.pullback.api;

import dev.pullback.InvalidInputException;
import dev.pullback.schedule.HostSchedule;
import dev.pullback.schedule.HostScheduleView;
import dev.pullback.schedule.ScheduleOverview;
import dev.pullback.schedule.ScheduleService;
import dev.pullback.schedule.ScheduledJob;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scheduler's endpoints: Backup Manager's {@code GET /api/schedule} (the job list with next
 * run time and trigger) and a host's own schedule. Times are ISO-8601 with the offset of the
 * configured zone.
 */
@RestController
@RequestMapping("/api")
public class ScheduleController {
    private final ScheduleService schedules;

    public ScheduleController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @GetMapping("/schedule")
    public ScheduleDto schedule() {
        return ScheduleDto.of(schedules.overview());
    }

    @GetMapping("/hosts/{host}/schedule")
    public HostScheduleDto get(@PathVariable String host) {
        return HostScheduleDto.of(schedules.get(host));
    }

    @PutMapping("/hosts/{host}/schedule")
    public HostScheduleDto put(@PathVariable String host, @RequestBody(required = false) ScheduleBody body) {
        if (body == null || body.cron() == null) {
            throw new InvalidInputException("cron", "is required: {\"cron\": \"15 2 * * *\", \"prune\": false}");
        }
        return HostScheduleDto.of(schedules.set(host, body.cron(), Boolean.TRUE.equals(body.prune()),
                !Boolean.FALSE.equals(body.enabled())));
    }

    @DeleteMapping("/hosts/{host}/schedule")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String host) {
        schedules.remove(host);
    }

    /** {@code PUT} body: {@code prune} defaults to false, {@code enabled} to true. */
    public record ScheduleBody(String cron, Boolean prune, Boolean enabled) {
    }

    public record ScheduleDto(String zone, OffsetDateTime now, List<JobDto> jobs) {
        static ScheduleDto of(ScheduleOverview o) {
            return new ScheduleDto(o.zone().getId(), at(o.now(), o.zone()),
                    o.jobs().stream().map(j -> JobDto.of(j, o.zone())).toList());
        }
    }

    /** One scheduler job; {@code id}, {@code name}, {@code next_run_time} and {@code trigger} as APScheduler named them. */
    public record JobDto(String id, String name, String jobType, String trigger, String description, List<String> hosts,
                         boolean prune, boolean enabled, OffsetDateTime nextRunTime, boolean running) {
        static JobDto of(ScheduledJob j, ZoneId zone) {
            return new JobDto(j.id(), j.name(), j.type().id(), j.trigger(), j.description(), j.hosts(), j.prune(),
                    j.enabled(), at(j.nextRun(), zone), j.running());
        }
    }

    public record HostScheduleDto(String host, String cron, boolean prune, boolean enabled, String zone,
                                  List<OffsetDateTime> nextRuns, Instant createdAt, Instant updatedAt) {
        static HostScheduleDto of(HostScheduleView v) {
            HostSchedule s = v.schedule();
            return new HostScheduleDto(s.host(), s.cron(), s.prune(), s.enabled(), v.zone().getId(),
                    v.nextRuns().stream().map(i -> at(i, v.zone())).toList(), s.createdAt(), s.updatedAt());
        }
    }

    private static OffsetDateTime at(Instant i, ZoneId zone) {
        return i == null ? null : i.atZone(zone).toOffsetDateTime();
    }
}
