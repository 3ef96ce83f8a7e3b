package dev.pullback.host;

import dev.pullback.InvalidInputException;
import dev.pullback.Printable;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validation rules for host configuration. Every value that reaches rsync or ssh passes
 * here first: arguments are passed as a list (never through a shell), but a value that starts
 * with '-' would still be read as an option, and metacharacters have no business in a name.
 */
public final class HostRules {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final String SHELL_META = ";&|$`\\\"'<>(){}*?[]!#~^%=,@";
    private static final Pattern SSH_OPTION = Pattern.compile("[A-Za-z][A-Za-z0-9]*=[^\\s'\"\\\\;&|`$<>]+");

    /**
     * rsync options that would break the snapshot contract: delete or rewrite source files,
     * write into hardlinked inodes, change the link base, or replace the transport we build.
     */
    private static final Set<String> FORBIDDEN_RSYNC = Set.of(
            "--remove-source-files", "--inplace", "--append", "--append-verify", "--link-dest",
            "--compare-dest", "--copy-dest", "--backup", "-b", "--backup-dir", "--suffix", "-e",
            "--rsh", "--write-batch", "--only-write-batch", "--read-batch", "--daemon", "--server",
            "--sender", "--dry-run", "-n", "--list-only", "--partial-dir", "--temp-dir", "-T",
            "--files-from", "--exclude-from", "--include-from", "--filter", "-f", "--log-file",
            "--write-devices", "--copy-unsafe-links", "--copy-links", "-L", "--keep-dirlinks", "-K");

    private HostRules() {
    }

    public static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("host", "'" + Printable.escape(name)
                    + "' is not a valid host name: 1-63 characters, letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    public static void check(Host h) {
        name(h.name());
        address(h.address());
        if (h.user() != null) {
            token("user", h.user());
        }
        if (h.port() != null && (h.port() < 1 || h.port() > 65535)) {
            throw new InvalidInputException("port", h.port() + " is out of range: must be 1-65535");
        }
        if (h.identityFile() != null) {
            identityFile(h.identityFile());
        }
        if (h.sources().isEmpty()) {
            throw new InvalidInputException("source", "at least one source path is required");
        }
        h.sources().forEach(HostRules::source);
        SourceFolders.check(h.sources());
        h.excludes().forEach(HostRules::exclude);
        h.rsyncOptions().forEach(HostRules::rsyncOption);
        h.sshOptions().forEach(HostRules::sshOption);
        if (h.bwlimitKbps() != null && h.bwlimitKbps() < 0) {
            throw new InvalidInputException("bwlimit", h.bwlimitKbps() + " is negative: use KiB/s, 0 for unlimited");
        }
        if (h.transport() == Transport.LOCAL) {
            for (String s : h.sources()) {
                if (!s.startsWith("/")) {
                    throw new InvalidInputException("source", "'" + s + "' must be an absolute path for the local transport");
                }
            }
        }
    }

    /** Host names, IPv4 and IPv6 addresses and ssh aliases; never an option, never a shell word. */
    public static void address(String address) {
        token("address", address);
        if (address.contains("/")) {
            throw new InvalidInputException("address", "'" + Printable.escape(address) + "' must not contain '/'");
        }
    }

    private static void token(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field, "must not be empty");
        }
        if (value.length() > 255) {
            throw new InvalidInputException(field, "is longer than 255 characters");
        }
        if (value.startsWith("-")) {
            throw new InvalidInputException(field, "'" + Printable.escape(value) + "' must not start with '-'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new InvalidInputException(field, "'" + Printable.escape(value) + "' must not contain whitespace or control characters");
            }
            if (SHELL_META.indexOf(c) >= 0) {
                throw new InvalidInputException(field, "'" + Printable.escape(value) + "' must not contain shell metacharacters (" + c + ")");
            }
        }
    }

    public static void source(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidInputException("source", "must not be empty");
        }
        if (!(path.startsWith("/") || path.equals("~") || path.startsWith("~/"))) {
            throw new InvalidInputException("source", "'" + Printable.escape(path) + "' must be absolute (/...) or under the home directory (~/...)");
        }
        noControl("source", path);
        for (String part : path.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                throw new InvalidInputException("source", "'" + Printable.escape(path) + "' must not contain '.' or '..' components");
            }
        }
    }

    public static void exclude(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new InvalidInputException("exclude", "pattern must not be empty");
        }
        noControl("exclude", pattern);
        if (pattern.length() > 1024) {
            throw new InvalidInputException("exclude", "pattern is longer than 1024 characters");
        }
    }

    public static void rsyncOption(String option) {
        noControl("rsync-opt", option);
        if (!option.startsWith("-")) {
            throw new InvalidInputException("rsync-opt", "'" + option + "' must be an option starting with '-' (one option per --rsync-opt)");
        }
        String key = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
        if (FORBIDDEN_RSYNC.contains(key)) {
            throw new InvalidInputException("rsync-opt", "'" + key + "' is not allowed: pullback controls it to keep snapshots complete and older snapshots untouched");
        }
    }

    public static void sshOption(String option) {
        if (!SSH_OPTION.matcher(option).matches()) {
            throw new InvalidInputException("ssh-opt", "'" + Printable.escape(option) + "' must look like Key=Value (an ssh -o option) without spaces or quotes");
        }
    }

    public static void identityFile(String path) {
        if (!path.startsWith("/")) {
            throw new InvalidInputException("identity", "'" + Printable.escape(path) + "' must be an absolute path");
        }
        noControl("identity", path);
        // rsync splits its -e string on whitespace and honours quotes: keep the path a plain word.
        if (path.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"' || c == '\\')) {
            throw new InvalidInputException("identity", "'" + Printable.escape(path) + "' must not contain whitespace, quotes or backslashes");
        }
    }

    private static void noControl(String field, String value) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "'" + Printable.escape(value) + "' must not contain control characters (newline, tab ...)");
        }
    }
}
