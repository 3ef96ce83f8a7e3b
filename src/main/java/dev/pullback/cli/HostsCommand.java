package dev.pullback.cli;

import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "hosts", mixinStandardHelpOptions = true, description = "List the configured hosts.")
final class HostsCommand extends CliCommand {
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        List<Host> hosts = service(HostService.class).list();
        if (json) {
            out().println(Json.write(hosts));
            return ExitCodes.OK;
        }
        var keys = service(dev.pullback.trust.HostTrustService.class).keys();
        Table t = new Table("HOST", "TRANSPORT", "ADDRESS", "SOURCES", "EXCLUDES", "ENABLED", "HOST KEY");
        for (Host h : hosts) {
            String address = h.transport() == dev.pullback.host.Transport.LOCAL ? "-"
                    : (h.user() == null ? "" : h.user() + "@") + h.address() + (h.port() == null ? "" : ":" + h.port());
            t.row(h.name(), h.transport().id(), address, String.join(" ", h.sources()),
                    (h.defaultExcludes() ? "default" : "none") + (h.excludes().isEmpty() ? "" : " +" + h.excludes().size()),
                    h.enabled() ? "yes" : "no", keys.containsKey(h.name()) ? keys.get(h.name()).fingerprint() : "-");
        }
        t.print(out());
        if (hosts.isEmpty()) {
            out().println("(no hosts yet: pullback configure-host HOST --address ADDR)");
        }
        return ExitCodes.OK;
    }
}
