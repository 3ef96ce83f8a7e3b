package dev.pullback.api;

import dev.pullback.job.HostState;
import dev.pullback.job.LiveStatus;
import dev.pullback.job.Stage;
import dev.pullback.job.StatusService;
import dev.pullback.settings.SettingsService;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Backup Manager's {@code /api/status}, pobsync's service status, and the live event stream. */
@RestController
@RequestMapping("/api")
class StatusController {
    private final StatusService status;
    private final LiveStatus live;
    private final SettingsService settings;
    private final Clock clock;
    private final Instant startedAt;

    StatusController(StatusService status, LiveStatus live, SettingsService settings, Clock clock) {
        this.status = status;
        this.live = live;
        this.settings = settings;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Backup Manager's schema, field for field, plus live progress and what the last run said. */
    @GetMapping("/status")
    StatusDto status() {
        Map<String, HostStatusDto> hosts = new LinkedHashMap<>();
        status.hosts().forEach((name, state) -> hosts.put(name, HostStatusDto.of(name, state)));
        return new StatusDto(status.jobRunning(), hosts);
    }

    /** pobsync's service status: is the service healthy and configured. */
    @GetMapping("/status/")
    ServiceDto service() {
        Path root = settings.current().backupRoot();
        boolean rootOk = root != null && Files.isDirectory(root);
        Long free = null;
        if (rootOk) {
            try {
                free = Files.getFileStore(root).getUsableSpace();
            } catch (IOException e) {
                free = null;
            }
        }
        return new ServiceDto("pullback", StatusController.class.getPackage().getImplementationVersion(), startedAt,
                Duration.between(startedAt, clock.instant()).toSeconds(), root == null ? null : root.toString(), rootOk,
                free, settings.current().zone().getId(), status.jobRunning(), status.hosts().size());
    }

    /**
     * Server-sent events: one {@code host} event with the host's state whenever it changes
     * (progress at most 5 times a second per host), and a {@code ping} every 15 s so proxies keep
     * the stream open. Nothing is sent while nothing runs but the pings.
     */
    @GetMapping(path = "/events", produces = "text/event-stream")
    SseEmitter events() {
        SseEmitter emitter = new SseEmitter(0L);
        Object lock = new Object();
        AutoCloseable[] handle = new AutoCloseable[1];
        Runnable close = () -> {
            try {
                if (handle[0] != null) {
                    handle[0].close();
                }
            } catch (Exception e) {
                // nothing to release
            }
        };
        handle[0] = live.listen(state -> {
            synchronized (lock) {
                try {
                    emitter.send(SseEmitter.event().name("host").data(HostStatusDto.named(state)));
                } catch (IOException | IllegalStateException e) {
                    close.run();
                }
            }
        });
        Thread pinger = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    synchronized (lock) {
                        emitter.send(SseEmitter.event().name("ping").data(clock.instant().toString()));
                    }
                    Thread.sleep(15_000);
                }
            } catch (IOException | IllegalStateException | InterruptedException e) {
                close.run();
            }
        });
        emitter.onCompletion(() -> {
            close.run();
            pinger.interrupt();
        });
        emitter.onTimeout(emitter::complete);
        emitter.onError(e -> emitter.complete());
        return emitter;
    }

    record StatusDto(boolean jobRunning, Map<String, HostStatusDto> hosts) {
    }

    /**
     * One host in {@code /api/status}. {@code finished} is absent while running (Backup Manager's
     * schema); a host that never ran has status {@code never} and null fields.
     */
    record HostStatusDto(
            String host,
            String status,
            String stage,
            Integer stageNum,
            int stageTotal,
            Instant started,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant finished,
            Object hourly,
            Object tar,
            String snapshot,
            int archivesRemoved,
            Long jobId,
            String jobType,
            ProgressDto progress,
            String message) {

        static HostStatusDto of(String host, Optional<HostState> state) {
            return state.map(HostStatusDto::named).orElseGet(() ->
                    new HostStatusDto(host, "never", null, null, Stage.TOTAL, null, null, null, null, null, 0, null, null, null, null));
        }

        static HostStatusDto named(HostState s) {
            boolean running = s.finished() == null;
            return new HostStatusDto(s.host(), s.statusWord(), s.stage().id(), s.stage().num(), Stage.TOTAL, s.started(),
                    running ? null : s.finished(), s.hourly(), s.tar(), s.snapshot(), s.archivesRemoved(), s.jobId(),
                    s.type() == null ? null : s.type().id(),
                    running ? new ProgressDto(s.files(), s.bytes(), s.current()) : null,
                    s.message());
        }
    }

    /** The running transfer: entries and bytes so far, and the entry being transferred. */
    record ProgressDto(long files, long bytes, String current) {
    }

    record ServiceDto(String service, String version, Instant startedAt, long uptimeSeconds, String backupRoot,
                      boolean backupRootAvailable, Long backupRootFreeBytes, String timezone, boolean jobRunning,
                      int hosts) {
    }
}
