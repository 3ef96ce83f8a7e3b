package dev.pullback.job;

import java.time.Instant;

/** One host's part of a job with everything recorded about it. */
public record HostRunRow(long id, long jobId, String host, RunStatus status, String stage, int stageNum, Instant started,
                         Instant finished, String snapshot, Integer rsyncExitCode, Long filesTotal, Long filesCreated,
                         Long filesUpdated, Long filesDeleted, Long bytesTransferred, Long newBytes, String error,
                         String logExcerpt, Object metrics) {
}
