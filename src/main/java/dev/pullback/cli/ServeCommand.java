package dev.pullback.cli;

import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true, description = {
        "Run the server: the scheduler, the REST API under /api and the dashboard.",
        "Listens on PULLBACK_BIND:PULLBACK_PORT, 127.0.0.1:8085 by default. Stop it with SIGTERM or Ctrl-C.",
        "Everything needs a login or an API token: create the first admin with 'pullback user add NAME --role admin'."})
final class ServeCommand extends CliCommand {
    /** Set in serve and scheduler only: no other command polls the scheduler tables. */
    static final String SCHEDULER_ON = "pullback.scheduler.enabled=true";

    @Override
    public Integer call() {
        return runtime.runUntilStopped(true, SCHEDULER_ON);
    }
}
