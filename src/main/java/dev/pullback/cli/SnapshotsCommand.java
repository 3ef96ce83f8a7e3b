package dev.pullback.cli;

import dev.pullback.Printable;
import dev.pullback.host.HostRules;
import dev.pullback.settings.SettingsService;
import dev.pullback.store.SnapshotRow;
import dev.pullback.store.SqlSnapshotCatalog;
import java.time.ZoneId;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "snapshots", mixinStandardHelpOptions = true, description = "List a host's snapshots, oldest first.")
final class SnapshotsCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "HOST")
    String host;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        HostRules.name(host);
        List<SnapshotRow> rows = service(SqlSnapshotCatalog.class).list(host);
        if (json) {
            out().println(Json.write(rows));
            return ExitCodes.OK;
        }
        ZoneId zone = service(SettingsService.class).current().zone();
        Table t = new Table("NAME", "FINISHED", "STATUS", "FILES", "NEW", "CHANGED", "DELETED", "NEW BYTES", "DURATION", "ADOPTED FROM");
        for (SnapshotRow r : rows) {
            t.row(r.name(), Text.time(r.finished(), zone), r.status(), r.files(), r.created(), r.updated(), r.deleted(),
                    Text.bytes(r.newBytes()), Text.duration(r.duration()),
                    r.adopted() ? Printable.escape(r.path()) : "");
        }
        t.print(out());
        if (rows.isEmpty()) {
            out().println("(no snapshots recorded for " + host + ")");
        }
        return ExitCodes.OK;
    }
}
