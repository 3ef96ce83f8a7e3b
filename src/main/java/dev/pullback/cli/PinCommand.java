package dev.pullback.cli;

import dev.pullback.job.RetentionService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pin", mixinStandardHelpOptions = true, description = {
        "Pin a snapshot: retention never removes it. --remove unpins it."})
final class PinCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "HOST")
    String host;

    @Parameters(index = "1", paramLabel = "SNAPSHOT")
    String snapshot;

    @Option(names = "--remove", description = "Unpin: retention treats it like any other snapshot again.")
    boolean remove;

    @Override
    public Integer call() {
        service(RetentionService.class).pin(host, snapshot, !remove);
        out().println(host + "/" + snapshot + (remove ? ": unpinned" : ": pinned (retention keeps it)"));
        return ExitCodes.OK;
    }
}
