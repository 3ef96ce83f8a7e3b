package dev.pullback.cli;

import dev.pullback.InvalidInputException;
import dev.pullback.schedule.ScheduleRunner;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = {"Run the scheduler without the web server (pobsync's scheduler process).",
                "With --loop it polls the database every --interval seconds and runs due jobs until"
                        + " SIGTERM or Ctrl-C (a job still running then gets pullback.scheduler.shutdown-max-wait to"
                        + " finish).",
                "Without --loop it runs the jobs due now, each to its end, and exits: for a setup driven by"
                        + " the system's cron, e.g. `* * * * * pullback scheduler`.",
                "Any number of schedulers (and `pullback serve`) may share one database: each slot runs once."})
final class SchedulerCommand extends CliCommand {
    @Option(names = "--loop", description = "Keep running until stopped.")
    boolean loop;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "60",
            description = "With --loop: seconds between polls of the database (default ${DEFAULT-VALUE}).")
    int interval;

    @Override
    public Integer call() throws InterruptedException {
        if (interval < 1) {
            throw new InvalidInputException("interval", interval + " is not a number of seconds: must be at least 1");
        }
        ScheduleRunner runner = service(ScheduleRunner.class);
        if (loop) {
            err().println("scheduler running, polling every " + interval + "s; stop with Ctrl-C or SIGTERM");
            runner.runUntilStopped(Duration.ofSeconds(interval));
            err().println("scheduler stopped");
            return ExitCodes.OK;
        }
        int ran = runner.runDueOnce();
        out().println(ran == 0 ? "nothing was due" : "ran " + ran + " due job" + (ran == 1 ? "" : "s"));
        return ExitCodes.OK;
    }
}
