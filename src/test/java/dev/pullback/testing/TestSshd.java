package dev.pullback.testing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on 127.0.0.1 for tests, with its own host key and a
 * client key that is authorized for the current OS user (root in CI).
 *
 * <pre>{@code
 * try (TestSshd sshd = TestSshd.start(tmp)) {
 *     new ProcessBuilder("rsync", "-a", "-e", sshd.rsh(), sshd.host() + ":/src/", "/dst/")...
 * }
 * }</pre>
 */
public final class TestSshd implements AutoCloseable {

    private static final String SSHD = "/usr/sbin/sshd"; // sshd refuses to re-exec unless started by absolute path
    private static final Path PRIVSEP_DIR = Path.of("/run/sshd");
    private static final long READY_TIMEOUT_MS = 10_000;
    private static final int PORT_ATTEMPTS = 5;

    private final Path dir;
    private final Path hostKey;
    private final Path clientKey;
    private final Path config;
    private final Path log;
    private int port;
    private Process process;
    private Thread shutdownHook;

    private TestSshd(Path dir) {
        this.dir = dir;
        this.hostKey = dir.resolve("ssh_host_ed25519_key");
        this.clientKey = dir.resolve("client_ed25519");
        this.config = dir.resolve("sshd_config");
        this.log = dir.resolve("sshd.log");
    }

    public static TestSshd start(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        TestSshd sshd = new TestSshd(workDir.toAbsolutePath());
        sshd.prepare();
        IOException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            sshd.port = freePort();
            try {
                sshd.launch();
                return sshd;
            } catch (PortTakenException e) {
                last = e; // someone grabbed the port between our probe and sshd's bind
            }
        }
        throw new IOException("sshd could not bind a free port in " + PORT_ATTEMPTS + " attempts", last);
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String user() {
        return System.getProperty("user.name");
    }

    public Path identityFile() {
        return clientKey;
    }

    public Path hostPublicKey() {
        return hostKey.resolveSibling(hostKey.getFileName() + ".pub");
    }

    /** {@code SHA256:...} as printed by {@code ssh-keygen -lf}. */
    public String hostKeyFingerprint() throws IOException {
        return run(List.of("ssh-keygen", "-lf", hostPublicKey().toString())).trim().split("\\s+")[1];
    }

    /** A known_hosts line for this server, e.g. {@code [127.0.0.1]:40123 ssh-ed25519 AAAA...}. */
    public String knownHostsLine() throws IOException {
        String[] pub = Files.readString(hostPublicKey()).trim().split("\\s+");
        return "[" + host() + "]:" + port + " " + pub[0] + " " + pub[1];
    }

    public Path logFile() {
        return log;
    }

    /**
     * ssh argv up to (not including) the destination. -F /dev/null keeps the
     * invoking user's ~/.ssh/config and /etc/ssh/ssh_config out of the tests.
     */
    public List<String> sshCommand() {
        return List.of("ssh", "-F", "/dev/null", "-i", clientKey.toString(), "-p", String.valueOf(port),
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=5");
    }

    /** {@link #sshCommand()} as a single string for {@code rsync -e}; rsync honours the single quotes. */
    public String rsh() {
        List<String> quoted = new ArrayList<>();
        for (String arg : sshCommand()) {
            quoted.add("'" + arg.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }

    /** {@code user@127.0.0.1}. */
    public String destination() {
        return user() + "@" + host();
    }

    /**
     * Puts {@code options} in front of the client key in authorized_keys (for example
     * {@code command="rrsync -ro /srv",restrict}), as a least-privilege source host does; null
     * puts the plain key back. sshd reads the file at each login: no restart.
     */
    public void authorizedKeyOptions(String options) throws IOException {
        String key = Files.readString(clientKey.resolveSibling(clientKey.getFileName() + ".pub")).strip();
        Files.writeString(dir.resolve("authorized_keys"), (options == null ? "" : options + " ") + key + "\n");
    }

    /** New host key, same port: lets tests provoke "REMOTE HOST IDENTIFICATION HAS CHANGED". */
    public synchronized void rotateHostKey() throws IOException {
        killProcess();
        keygen(hostKey);
        launch();
    }

    /** Idempotent. */
    public synchronized void stop() {
        killProcess();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or about to; nothing left to do
            }
            shutdownHook = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void prepare() throws IOException {
        if (!Files.isDirectory(PRIVSEP_DIR)) {
            // Debian's sshd dies with "Missing privilege separation directory" without it;
            // on a fresh machine it only appears once the packaged service has run.
            try {
                Files.createDirectories(PRIVSEP_DIR, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (IOException e) {
                throw new IOException("cannot create " + PRIVSEP_DIR + " (sshd needs it; are we root?)", e);
            }
        }
        keygen(hostKey);
        keygen(clientKey);
        Path authorizedKeys = dir.resolve("authorized_keys");
        Files.copy(clientKey.resolveSibling(clientKey.getFileName() + ".pub"), authorizedKeys,
                StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(authorizedKeys, PosixFilePermissions.fromString("rw-------"));
    }

    private static void keygen(Path key) throws IOException {
        // ssh-keygen would ask before overwriting, e.g. when a workDir is reused
        Files.deleteIfExists(key);
        Files.deleteIfExists(key.resolveSibling(key.getFileName() + ".pub"));
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key.toString()));
        // ssh refuses private keys readable by others; don't rely on the umask
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }

    private void launch() throws IOException {
        Files.writeString(config, """
                ListenAddress 127.0.0.1
                Port %d
                HostKey "%s"
                AuthorizedKeysFile "%s"
                PidFile "%s"
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PubkeyAuthentication yes
                PermitRootLogin prohibit-password
                StrictModes no
                UsePAM no
                LogLevel VERBOSE
                """.formatted(port, hostKey, dir.resolve("authorized_keys"), dir.resolve("sshd.pid")));
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        process = new ProcessBuilder(SSHD, "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (shutdownHook == null) {
            // sshd -D outlives a JVM that dies without close(); don't leave it listening
            shutdownHook = new Thread(this::killProcess, "TestSshd-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        awaitReady(logStart);
    }

    private void awaitReady(long logStart) throws IOException {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        String lastSsh = "(no ssh attempt)";
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                String newLog = logSince(logStart);
                if (newLog.contains("Address already in use")) {
                    throw new PortTakenException(port);
                }
                stop();
                throw new IOException("sshd exited with " + process.exitValue() + " on port " + port
                        + "; sshd log:\n" + newLog);
            }
            if (accepts()) {
                List<String> cmd = new ArrayList<>(sshCommand());
                cmd.addAll(List.of(destination(), "true"));
                Result r = exec(cmd, 5);
                if (r.exit == 0) {
                    return;
                }
                lastSsh = "exit " + r.exit + ": " + r.output;
            }
            sleep(100);
        }
        String newLog = logSince(logStart);
        stop();
        String hint = newLog.contains("account is locked")
                ? "\nhint: with UsePAM no, sshd rejects users whose shadow password starts with '!'" : "";
        throw new IOException("sshd on port " + port + " not ready within " + READY_TIMEOUT_MS + " ms; last ssh "
                + lastSsh + hint + "\nsshd log:\n" + newLog);
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private synchronized void killProcess() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        // per-connection sshd children survive the listener's death (that's how sshd restarts
        // without dropping sessions), so take them down too
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
            for (ProcessHandle child : children) {
                try {
                    child.onExit().get(2, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    child.destroyForcibly();
                } catch (java.util.concurrent.ExecutionException ignored) {
                    // onExit never completes exceptionally for a live handle
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for sshd");
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result exec(List<String> cmd, long timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            // small outputs only, so reading after waitFor cannot deadlock on a full pipe
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted running " + cmd);
        }
    }

    private static String run(List<String> cmd) throws IOException {
        Result r = exec(cmd, 30);
        if (r.exit != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + r.exit + "): " + r.output);
        }
        return r.output;
    }

    private static final class PortTakenException extends IOException {
        PortTakenException(int port) {
            super("port " + port + " already in use");
        }
    }
}
