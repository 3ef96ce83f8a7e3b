package dev.pullback.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The installed rsync's version, checked at start-up. */
public record RsyncVersion(int major, int minor, int patch) implements Comparable<RsyncVersion> {
    /** Older clients carry known CVEs when pulling from an untrusted host (fixed in 3.4.0). */
    public static final RsyncVersion SAFE = new RsyncVersion(3, 4, 0);
    private static final Pattern VERSION = Pattern.compile("rsync\\s+version\\s+v?(\\d+)\\.(\\d+)\\.(\\d+)");

    public static Optional<RsyncVersion> parse(String versionOutput) {
        Matcher m = VERSION.matcher(versionOutput);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new RsyncVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
    }

    /** Runs {@code rsync --version}; empty when rsync is missing or prints something unexpected. */
    public static Optional<RsyncVersion> detect(String rsyncBinary) {
        try {
            Process p = new ProcessBuilder(rsyncBinary, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return parse(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The client-side CVEs fixed in 3.4.0 (January 2025). */
    public static final String CVES = "CVE-2024-12084, CVE-2024-12085, CVE-2024-12086, CVE-2024-12087, CVE-2024-12088";

    /**
     * What to tell people about the rsync pullback runs: empty when it is 3.4.0 or newer.
     *
     * @param version empty when rsync is missing or printed something unexpected
     */
    public static Optional<String> warning(String binary, Optional<RsyncVersion> version) {
        if (version.isEmpty()) {
            return Optional.of("rsync (" + binary + ") not found or not recognised: backups will fail. Install it: apt-get install rsync");
        }
        if (version.get().isSafe()) {
            return Optional.empty();
        }
        return Optional.of("rsync " + version.get() + " is older than " + SAFE + ": it has known client-side vulnerabilities ("
                + CVES + ": a heap overflow, an information leak, path traversal and symlink races) that a compromised "
                + "host being backed up can use against this machine when pullback pulls from it. Upgrade rsync to " + SAFE
                + " or newer (a distribution package that backported the fixes keeps its old version number: check its changelog).");
    }

    public boolean isSafe() {
        return compareTo(SAFE) >= 0;
    }

    @Override
    public int compareTo(RsyncVersion o) {
        int c = Integer.compare(major, o.major);
        c = c != 0 ? c : Integer.compare(minor, o.minor);
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
