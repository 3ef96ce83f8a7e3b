package dev.pullback.transport;

import dev.pullback.host.Host;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * pullback's own known_hosts file. Every entry is stored under the host's pullback name
 * ({@code HostKeyAlias}), not under its address and port: a host keeps its trusted key when its
 * address changes, an address that is an alias from {@code ~/.ssh/config} works, and a lookup
 * needs nothing but the name.
 */
public final class KnownHosts {
    private final Path file;

    public KnownHosts(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    /** The name a host's key is recorded under. Host names are validated (no spaces, no leading dash). */
    public static String alias(Host host) {
        return host.name();
    }

    /** The keys recorded for the host, ed25519 first as ssh prefers them; empty when there is none. */
    public List<HostKey> keys(String alias) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        // ssh-keygen -F does the matching (hashed entries, markers) the way ssh does
        Result r = exec(List.of("ssh-keygen", "-F", alias, "-f", file.toString()), Duration.ofSeconds(30));
        if (r.exit() != 0) {
            return List.of();
        }
        return parse(r.out());
    }

    public Optional<HostKey> key(String alias) throws IOException {
        return keys(alias).stream().findFirst();
    }

    /**
     * The keys the host presents now ({@code ssh-keyscan}, no login needed), ed25519 first. The
     * address and port go through {@code ssh -G} first, so an alias from {@code ~/.ssh/config}
     * scans the machine ssh would connect to. Empty when the host does not answer.
     */
    public List<HostKey> scan(Host host, Duration timeout) throws IOException {
        List<String> g = new ArrayList<>(List.of("ssh", "-G"));
        if (host.port() != null) {
            g.addAll(List.of("-p", host.port().toString()));
        }
        host.sshOptions().forEach(o -> g.addAll(List.of("-o", o)));
        g.add(host.address());
        Result resolved = exec(g, Duration.ofSeconds(30));
        String address = host.address();
        String port = host.port() == null ? "22" : host.port().toString();
        for (String line : resolved.out().lines().toList()) {
            if (line.startsWith("hostname ")) {
                address = line.substring(9).strip();
            } else if (line.startsWith("port ")) {
                port = line.substring(5).strip();
            }
        }
        Result r = exec(List.of("ssh-keyscan", "-T", String.valueOf(Math.max(1, timeout.toSeconds())), "-p", port,
                "-t", "ed25519,ecdsa,rsa", "--", address), timeout.plusSeconds(15));
        return parse(r.out());
    }

    /** Replaces every key recorded for the alias by these ({@code ssh-keygen -R}, then appended). */
    public void replace(String alias, List<HostKey> keys) throws IOException {
        Files.createDirectories(file.getParent());
        if (Files.isRegularFile(file)) {
            Result r = exec(List.of("ssh-keygen", "-R", alias, "-f", file.toString()), Duration.ofSeconds(30));
            if (r.exit() != 0) {
                throw new IOException("ssh-keygen -R " + alias + " -f " + file + " failed: " + r.out().strip());
            }
            // ssh-keygen keeps the previous contents beside the file; the database records the old key
            Files.deleteIfExists(Path.of(file + ".old"));
        }
        StringBuilder lines = new StringBuilder();
        for (HostKey k : keys) {
            lines.append(alias).append(' ').append(k.sshType()).append(' ').append(k.blob()).append('\n');
        }
        Files.writeString(file, lines, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** ssh's default order of host key algorithms. */
    private static int preference(HostKey k) {
        return switch (k.type()) {
            case "ED25519" -> 0;
            case "ECDSA" -> 1;
            case "RSA" -> 2;
            default -> 3;
        };
    }

    private record Result(int exit, String out) {
    }

    private static Result exec(List<String> cmd, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted running " + cmd.getFirst());
        }
    }

    /** Key lines as known_hosts and ssh-keyscan print them ({@code name type base64}), preferred type first. */
    private static List<HostKey> parse(String text) {
        List<HostKey> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 3 && !f[0].startsWith("#")) {
                out.add(new HostKey(f[1], f[2]));
            }
        }
        out.sort(java.util.Comparator.comparingInt(KnownHosts::preference));
        return out;
    }
}
