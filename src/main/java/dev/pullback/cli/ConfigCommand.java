package dev.pullback.cli;

import dev.pullback.InvalidInputException;
import dev.pullback.configfile.ConfigDocument;
import dev.pullback.configfile.ConfigFileService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Configuration as code: hosts, schedules, retention overrides and global settings as YAML.",
        subcommands = {ConfigCommand.Export.class, ConfigCommand.Import.class})
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write the configuration as YAML to FILE or stdout.")
    static final class Export extends CliCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            String yaml = service(ConfigFileService.class).export();
            if (file == null) {
                out().print(yaml);
                out().flush();
            } else {
                Files.writeString(file, yaml, StandardCharsets.UTF_8);
                out().println("configuration written to " + file);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Show what FILE changes, then apply it. Hosts the file lists take its values (a schedule or",
                    "retention override it leaves out is removed); hosts it does not list are left as they are."})
    static final class Import extends CliCommand {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--dry-run", description = "Show the changes only.")
        boolean dryRun;

        @Override
        public Integer call() {
            ConfigFileService service = service(ConfigFileService.class);
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidInputException("file", "cannot read " + file + ": " + e.getMessage());
            }
            ConfigDocument doc = service.parse(text);
            List<String> diff = dryRun ? service.diff(doc) : service.apply(doc);
            diff.forEach(l -> out().println(l));
            boolean changes = diff.stream().anyMatch(l -> !l.startsWith("="));
            out().println(!changes ? "no changes" : dryRun ? "dry run: nothing changed" : "applied");
            return ExitCodes.OK;
        }
    }
}
