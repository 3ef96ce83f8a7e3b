package dev.pullback.cli;

import dev.pullback.host.Host;
import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.host.Transport;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "configure-host", mixinStandardHelpOptions = true, description = {"Create a host or change its settings; options not given keep their value.",
        "A new host pulls ~/ over ssh from an address equal to its name (an ssh alias works)."})
final class ConfigureHostCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "HOST", description = "Host name: letters, digits, '.', '_', '-' (max 63).")
    String name;

    @Option(names = "--address", paramLabel = "ADDR", description = "Host name, IP or ssh alias (default: HOST).")
    String address;

    @Option(names = "--user", paramLabel = "U", description = "ssh login (default: ssh's own default).")
    String user;

    @Option(names = "--port", paramLabel = "N", description = "ssh port, 1-65535.")
    Integer port;

    @Option(names = "--source", paramLabel = "PATH", description = "Path to pull, absolute or ~/...; repeat for several (replaces the list).")
    List<String> sources;

    @Option(names = "--exclude", paramLabel = "PAT", description = "rsync exclude pattern; repeat for several (replaces the host's list).")
    List<String> excludes;

    @Option(names = "--clear-excludes", description = "Remove the host's own exclude patterns.")
    boolean clearExcludes;

    @Option(names = "--default-excludes", negatable = true, description = "Apply the default exclusion list (caches, build output, VCS, media ...).")
    Boolean defaultExcludes;

    @Option(names = "--transport", paramLabel = "ssh|local", description = "ssh (default) or local: a path on this machine.")
    String transport;

    @Option(names = "--identity", paramLabel = "FILE", description = "ssh private key file.")
    String identity;

    @Option(names = "--bwlimit", paramLabel = "KBPS", description = "Bandwidth limit in KiB/s, 0 for none.")
    Integer bwlimit;

    @Option(names = "--rsync-opt", paramLabel = "ARG", description = "Extra rsync argument, one per option (replaces the list).")
    List<String> rsyncOptions;

    @Option(names = "--clear-rsync-opts", description = "Remove the extra rsync arguments.")
    boolean clearRsyncOptions;

    @Option(names = "--ssh-opt", paramLabel = "KEY=VALUE", description = "Extra ssh -o option (replaces the list).")
    List<String> sshOptions;

    @Option(names = "--fake-super", negatable = true, description = "Store owners and modes in xattrs (pull without root on this side).")
    Boolean fakeSuper;

    @Option(names = "--acls", negatable = true, description = "Copy ACLs (-A).")
    Boolean acls;

    @Option(names = "--xattrs", negatable = true, description = "Copy extended attributes (-X).")
    Boolean xattrs;

    @Option(names = "--accept-partial", negatable = true, description = "Keep a snapshot when some files could not be read (rsync 23), marked partial (default: on).")
    Boolean acceptPartial;

    @Option(names = "--enabled", negatable = true, description = "Include the host in scheduled and --all backups.")
    Boolean enabled;

    @Override
    public Integer call() {
        HostChanges changes = new HostChanges(
                transport == null ? null : Transport.parse(transport), address, user, port, identity, sources,
                clearExcludes ? List.of() : excludes, defaultExcludes, clearRsyncOptions ? List.of() : rsyncOptions,
                sshOptions, bwlimit, fakeSuper, acls, xattrs, acceptPartial, enabled);
        Host h = service(HostService.class).configure(name, changes);
        out().println("host " + h.name() + " saved: " + h.transport().id()
                + (h.transport() == Transport.SSH ? " " + (h.user() == null ? "" : h.user() + "@") + h.address()
                + (h.port() == null ? "" : ":" + h.port()) : "")
                + ", sources " + h.sources() + (h.enabled() ? "" : " (disabled)"));
        return ExitCodes.OK;
    }
}
