package dev.pullback.settings;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * Global configuration.
 *
 * @param backupRoot where host directories live; null until configured
 * @param zone       the zone snapshot names and "days" are counted in
 */
public record GlobalSettings(Path backupRoot, ZoneId zone) {
}
