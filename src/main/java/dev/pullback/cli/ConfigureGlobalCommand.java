package dev.pullback.cli;

import dev.pullback.InvalidInputException;
import dev.pullback.settings.GlobalSettings;
import dev.pullback.settings.SettingsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "configure-global", mixinStandardHelpOptions = true, description = "Set the backup root and the time zone snapshot names use.")
final class ConfigureGlobalCommand extends CliCommand {
    @Option(names = "--backup-root", paramLabel = "DIR", description = "Directory holding one folder per host (created if missing).")
    String backupRoot;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "e.g. Europe/Berlin; default: this machine's zone.")
    String timezone;

    @Override
    public Integer call() {
        if (backupRoot == null && timezone == null) {
            throw new InvalidInputException("configure-global", "give --backup-root DIR and/or --timezone ZONE");
        }
        GlobalSettings s = service(SettingsService.class).configure(backupRoot, timezone);
        out().println("backup root: " + s.backupRoot());
        out().println("time zone:   " + s.zone().getId());
        return ExitCodes.OK;
    }
}
