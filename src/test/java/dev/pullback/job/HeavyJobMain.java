package dev.pullback.job;

import dev.pullback.testing.TestContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The heavy job of one host in a process of its own (there is no CLI command for it), for a test to kill -9. */
public final class HeavyJobMain {
    private HeavyJobMain() {
    }

    /** {@code args}: data dir, host. zstd at level 19, slow enough to be killed mid-archive. */
    public static void main(String[] args) {
        try (var ctx = TestContext.start(Path.of(args[0]), Clock.systemUTC(), "pullback.zstd-level=19")) {
            ctx.getBean(JobService.class).run(new JobRequest(JobType.HEAVY, Trigger.CLI, List.of(args[1]), false, false));
        }
    }
}
