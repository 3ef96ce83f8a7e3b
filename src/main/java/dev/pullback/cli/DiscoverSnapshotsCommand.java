package dev.pullback.cli;

import dev.pullback.Printable;
import dev.pullback.discovery.DiscoveryResult;
import dev.pullback.discovery.FoundSnapshot;
import dev.pullback.discovery.HostScan;
import dev.pullback.discovery.ImportPlan;
import dev.pullback.discovery.Preflight;
import dev.pullback.discovery.RootReport;
import dev.pullback.discovery.DiscoveryService;
import dev.pullback.job.Trigger;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "discover-snapshots", mixinStandardHelpOptions = true,
        description = {"Print the preflight (backup root, each host's directory, what is there and why not),",
                "then import the complete snapshots found on disk into the index. Rows whose directory is",
                "gone are marked missing, never dropped. Reads names and markers only, never the trees."})
final class DiscoverSnapshotsCommand extends CliCommand {
    @Option(names = "--host", paramLabel = "HOST", description = "Only this host (default: every configured host).")
    String host;

    @Option(names = "--dry-run", description = "Stop after the preflight and show what the import would change.")
    boolean dryRun;

    @Override
    public Integer call() {
        DiscoveryResult r = service(DiscoveryService.class).discover(host, dryRun, Trigger.CLI);
        print(out(), r.preflight());
        if (host == null && !r.preflight().unlistedDirectories().isEmpty()) {
            out().println("directories under the root without a configured host: "
                    + Printable.escape(String.join(", ", r.preflight().unlistedDirectories())));
        }
        out().println();
        out().println(dryRun ? "import (dry run, nothing changed):" : "import:");
        for (ImportPlan p : r.imports()) {
            out().println("  " + p.host() + ": " + (dryRun ? "would be " : "") + p.summary());
        }
        if (r.imports().isEmpty()) {
            out().println("  (no hosts configured: pullback configure-host HOST ...)");
        }
        return r.preflight().rootMissing() ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    static void print(PrintWriter out, Preflight p) {
        RootReport r = p.root();
        if (r.root() == null) {
            out.println("backup root: not configured");
        } else if (!r.usable()) {
            out.println("backup root " + r.root() + ": " + (r.exists() ? "NOT A DIRECTORY" : "MISSING"));
        } else {
            out.println("backup root " + r.root() + ": present, " + (r.mountPoint() ? "a mount point" : "not a mount point")
                    + ", " + (r.writable() ? "writable" : "NOT WRITABLE")
                    + (r.freeBytes() < 0 ? "" : ", " + Text.bytes(r.freeBytes()) + " free of " + Text.bytes(r.totalBytes()))
                    + (r.freeInodes() < 0 ? "" : ", " + r.freeInodes() + " inodes free"));
        }
        for (String w : p.warnings()) {
            out.println("  !! " + w);
        }
        for (HostScan h : p.hosts()) {
            out.println("host " + h.host() + " (" + Printable.escape(String.valueOf(h.dir())) + "): " + h.dirState().id()
                    + ", layout " + h.layoutText() + ", " + h.count(FoundSnapshot.State.COMPLETE) + " complete, "
                    + h.count(FoundSnapshot.State.PARTIAL) + " partial, " + h.count(FoundSnapshot.State.UNKNOWN) + " unknown");
            for (String w : h.warnings()) {
                out.println("  !! " + Printable.escape(w));
            }
            for (FoundSnapshot s : h.snapshots()) {
                if (s.state() != FoundSnapshot.State.COMPLETE) {
                    out.println("     " + s.state().id() + ": " + Printable.escape(s.name()) + " (" + s.note() + ")");
                }
            }
        }
    }
}
