package dev.pullback.settings;

import dev.pullback.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Global settings. The database is the source of truth; the environment (PULLBACK_BACKUP_ROOT,
 * Backup Manager's BACKUP_ROOT, TZ) only fills in what was never configured.
 */
public class SettingsService {
    static final String BACKUP_ROOT = "backup_root";
    static final String TIMEZONE = "timezone";

    private final SettingsRepository repo;
    private final Clock clock;
    private final String defaultBackupRoot;
    private final String defaultZone;

    public SettingsService(SettingsRepository repo, Clock clock, String defaultBackupRoot, String defaultZone) {
        this.repo = repo;
        this.clock = clock;
        this.defaultBackupRoot = defaultBackupRoot;
        this.defaultZone = defaultZone;
    }

    public GlobalSettings current() {
        String root = repo.get(BACKUP_ROOT).orElse(blankToNull(defaultBackupRoot));
        String zone = repo.get(TIMEZONE).orElse(blankToNull(defaultZone));
        return new GlobalSettings(root == null ? null : Path.of(root), zone == null ? ZoneId.systemDefault() : zone(zone));
    }

    /**
     * Sets the backup root (created when missing: this is an explicit request; backups never
     * create the root, so an unmounted drive is noticed) and, when given, the time zone.
     */
    public GlobalSettings configure(String backupRoot, String timezone) {
        if (backupRoot != null) {
            Path root = backupRoot(backupRoot);
            repo.put(BACKUP_ROOT, root.toString(), clock.instant());
        }
        if (timezone != null) {
            repo.put(TIMEZONE, zone(timezone).getId(), clock.instant());
        }
        return current();
    }

    static Path backupRoot(String text) {
        if (text.isBlank() || text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("backup-root", "must be a directory path without control characters");
        }
        Path root = Path.of(text);
        if (!root.isAbsolute()) {
            root = root.toAbsolutePath();
        }
        root = root.normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new InvalidInputException("backup-root", root + " exists and is not a directory");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new InvalidInputException("backup-root", "cannot create " + root + ": " + e.getMessage());
        }
        if (!Files.isWritable(root)) {
            throw new InvalidInputException("backup-root", root + " is not writable by this user");
        }
        return root;
    }

    static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new InvalidInputException("timezone", "'" + text + "' is not a time zone (use a region such as Europe/Berlin or UTC)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
