package dev.pullback.transport;

import dev.pullback.host.Host;
import dev.pullback.host.SourceFolders;
import dev.pullback.host.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the rsync argument list for one source of one host (DESIGN.md §3). Pure: the same
 * inputs give the same plan, so tests and dry runs can print it.
 */
public final class RsyncCommand {
    /**
     * The flags every snapshot uses; the benchmark's raw rsync uses exactly these. {@code -H} keeps
     * hardlinks within a source as hardlinks; {@code --sparse} keeps holes as holes (without it a
     * sparse VM image would take its full size in every snapshot that changes it).
     */
    public static final List<String> BASE_FLAGS = List.of(
            "-aH", "--numeric-ids", "--delete", "--delete-excluded", "--one-file-system", "--sparse", "--stats",
            // --out-format after -i refines it: the same itemized line plus the file's length
            "--itemize-changes", RsyncOutput.OUT_FORMAT, "--info=progress2");

    private final String rsyncBinary;
    private final Path knownHosts;
    private final Duration connectTimeout;

    public RsyncCommand(String rsyncBinary, Path knownHosts, Duration connectTimeout) {
        this.rsyncBinary = rsyncBinary;
        this.knownHosts = knownHosts;
        this.connectTimeout = connectTimeout;
    }

    /**
     * @param linkDests  complete snapshot folders (and a leftover partial) to hardlink from; only
     *                   existing directories should be passed
     * @param destination the folder inside the new {@code .partial} snapshot
     */
    public RsyncPlan plan(Host host, String source, Path destination, List<Path> linkDests, boolean dryRun) {
        List<String> cmd = new ArrayList<>();
        cmd.add(rsyncBinary);
        cmd.addAll(BASE_FLAGS);
        if (host.acls()) {
            cmd.add("-A");
        }
        if (host.xattrs()) {
            cmd.add("-X");
        }
        if (host.fakeSuper()) {
            cmd.add("--fake-super");
        }
        if (host.bwlimitKbps() != null) {
            cmd.add("--bwlimit=" + host.bwlimitKbps());
        }
        if (dryRun) {
            cmd.add("--dry-run");
        }
        for (Path link : linkDests) {
            cmd.add("--link-dest=" + link.toAbsolutePath());
        }
        if (host.defaultExcludes()) {
            DefaultExcludes.patterns().forEach(p -> cmd.add("--exclude=" + p));
        }
        host.excludes().forEach(p -> cmd.add("--exclude=" + p));
        cmd.addAll(host.rsyncOptions());
        if (host.transport() == Transport.SSH) {
            cmd.add("-e");
            cmd.add(ssh(host));
        }
        cmd.add("--");
        cmd.add(sourceSpec(host, source));
        cmd.add(destination.toAbsolutePath() + "/");
        return new RsyncPlan(source, SourceFolders.folderOf(source), destination, cmd);
    }

    /** The ssh command rsync runs; rsync splits it on spaces and honours quotes. */
    String ssh(Host host) {
        List<String> ssh = new ArrayList<>(List.of("ssh"));
        ssh.addAll(sshOptions(host, quote(knownHosts.toAbsolutePath().toString())));
        ssh.addAll(List.of("-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=4"));
        return String.join(" ", ssh);
    }

    /**
     * The ssh command that runs {@code remoteCommand} on the host with exactly the options
     * backups use (BatchMode, pullback's known_hosts, the host's key, port and options), for
     * {@code pullback check}. A list for {@link ProcessBuilder}, never a shell string.
     */
    public List<String> sshCommand(Host host, String remoteCommand) {
        List<String> cmd = new ArrayList<>(List.of("ssh"));
        cmd.addAll(sshOptions(host, knownHosts.toAbsolutePath().toString()));
        cmd.add(host.user() == null ? host.address() : host.user() + "@" + host.address());
        cmd.add("--");
        cmd.add(remoteCommand);
        return cmd;
    }

    /**
     * Trust on first use, in pullback's own file only: the first contact records the key
     * ({@code accept-new}), a changed key fails. The system-wide known_hosts is ignored so a key
     * trusted for the machine's users never vouches for a backup source. Entries are stored under
     * the host's pullback name ({@link KnownHosts#alias}). pullback's options come first: ssh keeps
     * the first value it gets, so a host's own {@code -o} options cannot weaken them.
     */
    private List<String> sshOptions(Host host, String knownHostsFile) {
        List<String> ssh = new ArrayList<>(List.of(
                "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=accept-new",
                "-o", "UserKnownHostsFile=" + knownHostsFile,
                "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "HostKeyAlias=" + KnownHosts.alias(host),
                "-o", "HashKnownHosts=no",
                "-o", "ConnectTimeout=" + Math.max(1, connectTimeout.toSeconds())));
        if (host.port() != null) {
            ssh.addAll(List.of("-p", host.port().toString()));
        }
        if (host.identityFile() != null) {
            ssh.addAll(List.of("-i", host.identityFile(), "-o", "IdentitiesOnly=yes"));
        }
        host.sshOptions().forEach(o -> ssh.addAll(List.of("-o", o)));
        return ssh;
    }

    /** pullback's known_hosts file. */
    public Path knownHostsFile() {
        return knownHosts;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@code user@host:path/} for ssh ({@code ~} becomes a path relative to the login's home), the path itself for local. */
    static String sourceSpec(Host host, String source) {
        String path = source.endsWith("/") ? source : source + "/";
        if (host.transport() == Transport.LOCAL) {
            return path;
        }
        if (path.equals("~/")) {
            path = "./";
        } else if (path.startsWith("~/")) {
            path = "./" + path.substring(2);
        }
        String address = host.address().contains(":") ? "[" + host.address() + "]" : host.address();
        String login = host.user() == null ? address : host.user() + "@" + address;
        return login + ":" + path;
    }

    private static String quote(String s) {
        if (s.chars().noneMatch(c -> c == ' ' || c == '\'' || c == '"')) {
            return s;
        }
        return s.indexOf('\'') < 0 ? "'" + s + "'" : "\"" + s + "\"";
    }
}
