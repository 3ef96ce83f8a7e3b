package dev.pullback.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "pullback", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Pull-based backups: rsync over ssh into hardlinked snapshots.",
        subcommands = {ConfigureGlobalCommand.class, ConfigureHostCommand.class, HostsCommand.class, HostCommand.class, BackupCommand.class,
                SnapshotsCommand.class, ServeCommand.class, ScheduleCommand.class, SchedulerCommand.class,
                RetentionCommand.class, PinCommand.class, DiscoverSnapshotsCommand.class, AdoptCommand.class,
                ConfigCommand.class, CheckCommand.class, UserCommand.class, TokenCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage or validation error, 3 partial, 4 already running."})
final class RootCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** No command given: that is a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
