import dev.pullback.archive.Compression;
import dev.pullback.archive.HeavyPipeline;
import dev.pullback.archive.HeavySettings;
import dev.pullback.archive.StageOutcome;
import dev.pullback.archive.TarResult;
import dev.pullback.snapshot.BackupLayout;
import dev.pullback.transport.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * pullback's own tar stage, in-process, for bench/archive.sh: run as a single-file program on
 * the compiled classes (java -cp target/classes bench/ArchiveBench.java ROOT HOST zstd|gzip LEVEL).
 * Only the stage call is timed, so JVM start-up and compiling this file are not counted. Prints
 * one line: "<nanoseconds> <archive bytes> <tar stream bytes> <archive path>". The archive is
 * left in place; the caller removes it before the next run.
 */
public final class ArchiveBench {
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: java -cp target/classes ArchiveBench.java ROOT HOST zstd|gzip LEVEL");
            System.exit(2);
        }
        Compression c = Compression.parse(args[2]);
        int level = Integer.parseInt(args[3]);
        HeavySettings s = new HeavySettings(c, c == Compression.GZIP ? level : 6, c == Compression.ZSTD ? level : 3,
                Duration.ofHours(4), 5, false, 1, 24);
        HeavyPipeline pipeline = new HeavyPipeline(Clock.systemUTC(), s);
        BackupLayout layout = new BackupLayout(Path.of(args[0]), args[1]);

        long t0 = System.nanoTime();
        TarResult r = pipeline.tar(layout, ZoneOffset.UTC, new Cancellation());
        long t1 = System.nanoTime();

        if (r.outcome() != StageOutcome.CREATED) {
            System.err.println("archive step: " + r.outcome() + ": " + r.message());
            System.exit(1);
        }
        System.out.println((t1 - t0) + " " + r.archiveBytes() + " " + r.inputBytes() + " " + r.file());
    }
}
