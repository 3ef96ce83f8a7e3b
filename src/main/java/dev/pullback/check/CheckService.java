package dev.pullback.check;

import dev.pullback.discovery.DiscoveryScanner;
import dev.pullback.discovery.RootReport;
import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.host.Transport;
import dev.pullback.settings.SettingsService;
import dev.pullback.transport.RsyncCommand;
import dev.pullback.transport.RsyncVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code pullback check}: verifies the whole set-up and says what to fix — rsync and ssh, the
 * database, the backup root, and per enabled host its address, an ssh login with the configured
 * key (BatchMode, as backups do), rsync on the remote side and the source paths. The CLI, the API
 * and the dashboard's health panel all call {@link #check()}.
 */
public class CheckService {
    private final HostService hosts;
    private final SettingsService settings;
    private final RsyncCommand rsync;
    private final String rsyncBinary;
    private final Supplier<Check> database;
    private final Clock clock;
    private final java.util.function.Consumer<Host> reached;
    /** What rrsync answers to anything but rsync. */
    static final String RRSYNC_REFUSAL = "SSH_ORIGINAL_COMMAND does not run rsync";

    /** @param database probes the database (reachable, migrations applied) and says so */
    public CheckService(HostService hosts, SettingsService settings, RsyncCommand rsync, String rsyncBinary,
                        Supplier<Check> database, Clock clock) {
        this(hosts, settings, rsync, rsyncBinary, database, clock, host -> { });
    }

    /** @param reached told about each host ssh logged in to (its first contact records the host key) */
    public CheckService(HostService hosts, SettingsService settings, RsyncCommand rsync, String rsyncBinary,
                        Supplier<Check> database, Clock clock, java.util.function.Consumer<Host> reached) {
        this.reached = reached;
        this.hosts = hosts;
        this.settings = settings;
        this.rsync = rsync;
        this.rsyncBinary = rsyncBinary;
        this.database = database;
        this.clock = clock;
    }

    public CheckReport check() {
        List<Check> out = new ArrayList<>();
        out.add(rsyncCheck());
        out.add(sshCheck());
        Check db;
        try {
            db = database.get();
        } catch (RuntimeException e) {
            db = Check.fail("database", "unreachable: " + e.getMessage(), "check PULLBACK_DATABASE_URL and that the server runs");
        }
        out.add(db);
        out.add(rootCheck());
        List<Host> list = List.of();
        if (db.status() != Check.Status.FAIL) {
            list = hosts.list().stream().filter(Host::enabled).toList();
        }
        for (Host h : list) {
            out.addAll(hostChecks(h));
        }
        return new CheckReport(clock.instant(), out);
    }

    private Check rsyncCheck() {
        Optional<RsyncVersion> v = RsyncVersion.detect(rsyncBinary);
        if (v.isEmpty()) {
            return Check.fail("rsync", rsyncBinary + " not found or not recognised", "apt-get install rsync");
        }
        Optional<String> warning = RsyncVersion.warning(rsyncBinary, v);
        if (warning.isPresent()) {
            return Check.warn("rsync", warning.get(), "upgrade rsync to " + RsyncVersion.SAFE + " or newer "
                    + "(PULLBACK_RSYNC points pullback at another binary)");
        }
        return Check.ok("rsync", "version " + v.get());
    }

    private Check sshCheck() {
        Optional<String> v = run(List.of("ssh", "-V"), 10).map(String::strip).filter(s -> s.contains("SSH"));
        boolean needed = hosts.list().stream().anyMatch(h -> h.enabled() && h.transport() == Transport.SSH);
        if (v.isEmpty()) {
            return needed ? Check.fail("ssh", "ssh not found", "apt-get install openssh-client")
                    : Check.warn("ssh", "ssh not found (no enabled host needs it)", "apt-get install openssh-client");
        }
        return Check.ok("ssh", v.get().lines().findFirst().orElse(v.get()));
    }

    private Check rootCheck() {
        Path root = settings.current().backupRoot();
        RootReport r = DiscoveryScanner.root(root);
        if (root == null) {
            return Check.fail("backup root", "not configured", "pullback configure-global --backup-root DIR");
        }
        if (!r.exists()) {
            return Check.fail("backup root", root + " does not exist", "mount the backup drive (or configure-global --backup-root DIR)");
        }
        if (!r.directory()) {
            return Check.fail("backup root", root + " is not a directory", "configure-global --backup-root DIR");
        }
        if (!r.writable()) {
            return Check.fail("backup root", root + " is not writable by this user", "fix its owner or permissions");
        }
        String space = r.freeBytes() < 0 ? "" : ", " + r.freeBytes() / (1024 * 1024) + " MiB free of " + r.totalBytes() / (1024 * 1024) + " MiB";
        if (r.totalBytes() > 0 && r.freeBytes() * 20 < r.totalBytes()) {
            return Check.warn("backup root", root + " is almost full" + space, "free space, or tighten retention");
        }
        return Check.ok("backup root", root + ": writable" + (r.mountPoint() ? ", a mount point" : "") + space);
    }

    private List<Check> hostChecks(Host h) {
        String name = "host " + h.name();
        List<Check> out = new ArrayList<>();
        if (h.transport() == Transport.LOCAL) {
            for (String s : h.sources()) {
                Path p = s.startsWith("~/") ? Path.of(System.getProperty("user.home"), s.substring(2)) : Path.of(s);
                out.add(Files.exists(p) ? Check.ok(name + " source " + s, "exists")
                        : Check.fail(name + " source " + s, p + " does not exist", "pullback configure-host " + h.name() + " --source PATH"));
            }
            return out;
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(h.address());
            out.add(Check.ok(name + " address", h.address() + " resolves to " + all[0].getHostAddress()));
        } catch (UnknownHostException e) {
            out.add(Check.fail(name + " address", h.address() + " does not resolve",
                    "fix the address (pullback configure-host " + h.name() + " --address ADDR), DNS or /etc/hosts"));
            return out;
        }
        StringBuilder script = new StringBuilder("if command -v rsync >/dev/null 2>&1; then echo \"RSYNC $(rsync --version | head -n 1)\"; "
                + "else echo NO-RSYNC; fi");
        for (int i = 0; i < h.sources().size(); i++) {
            script.append("; if [ -e ").append(remotePath(h.sources().get(i))).append(" ]; then echo SRC-OK ").append(i)
                    .append("; else echo SRC-MISSING ").append(i).append("; fi");
        }
        ProcessResult r = exec(rsync.sshCommand(h, script.toString()), rsync.connectTimeout().toSeconds() + 15);
        if (r.exit() == 0 || r.out().contains(RRSYNC_REFUSAL)) {
            reached.accept(h);
        }
        if (r.out().contains(RRSYNC_REFUSAL)) {
            // a least-privilege key (command="rrsync -ro DIR") ran its forced command: the login works,
            // but only rsync may run, so the remote side cannot be inspected with a shell
            out.add(Check.ok(name + " ssh", "logged in with BatchMode; the key is restricted to rrsync"));
            out.add(Check.warn(name + " sources", "not checked: the key runs only rrsync (sources are relative to its directory)",
                    "pullback backup " + h.name() + " --dry-run"));
            return out;
        }
        if (r.exit() != 0 || !r.out().contains("RSYNC") && !r.out().contains("NO-RSYNC")) {
            String why = r.out().strip().lines().reduce((a, b) -> b).orElse("exit " + r.exit());
            out.add(Check.fail(name + " ssh", "cannot log in as " + (h.user() == null ? "" : h.user() + "@") + h.address()
                    + (h.identityFile() == null ? "" : " with " + h.identityFile()) + ": " + why,
                    "install the public key in the remote authorized_keys (ssh-copy-id), check --user/--port/--identity; "
                            + "a changed host key: pullback host trust " + h.name()));
            return out;
        }
        out.add(Check.ok(name + " ssh", "logged in with BatchMode"));
        String rsyncLine = r.out().lines().filter(l -> l.startsWith("RSYNC ") || l.equals("NO-RSYNC")).findFirst().orElse("NO-RSYNC");
        out.add(rsyncLine.equals("NO-RSYNC") ? Check.fail(name + " remote rsync", "rsync is not installed on " + h.address(),
                "apt-get install rsync (on " + h.address() + ")") : Check.ok(name + " remote rsync", rsyncLine.substring(6).strip()));
        for (int i = 0; i < h.sources().size(); i++) {
            String s = h.sources().get(i);
            boolean ok = r.out().lines().anyMatch(("SRC-OK " + i)::equals);
            out.add(ok ? Check.ok(name + " source " + s, "exists") : Check.fail(name + " source " + s, s + " does not exist on " + h.address(),
                    "pullback configure-host " + h.name() + " --source PATH"));
        }
        return out;
    }

    /** A source path for the remote shell: single-quoted, {@code ~/} kept outside the quotes so it expands. */
    static String remotePath(String source) {
        String rest = source;
        String prefix = "";
        if (source.equals("~") || source.equals("~/")) {
            return "\"$HOME\"";
        }
        if (source.startsWith("~/")) {
            prefix = "\"$HOME\"/";
            rest = source.substring(2);
        }
        return prefix + "'" + rest.replace("'", "'\\''") + "'";
    }

    record ProcessResult(int exit, String out) {
    }

    private static Optional<String> run(List<String> cmd, long timeoutSeconds) {
        ProcessResult r = exec(cmd, timeoutSeconds);
        return r.exit() == 0 ? Optional.of(r.out()) : Optional.empty();
    }

    private static ProcessResult exec(List<String> cmd, long timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new ProcessResult(-1, "timed out after " + timeoutSeconds + " s");
            }
            return new ProcessResult(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new ProcessResult(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcessResult(-1, "interrupted");
        }
    }
}
