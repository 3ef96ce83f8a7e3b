package dev.pullback.job;

import dev.pullback.snapshot.SnapshotResult;

/**
 * One host's backup, as every front end reports it.
 *
 * @param snapshot the engine's result; null when the run was refused before it started
 */
public record BackupResult(String host, RunStatus status, String message, SnapshotResult snapshot) {
}
