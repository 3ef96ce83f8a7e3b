import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.SplittableRandom;

/**
 * Deterministic source tree for bench/bench.sh (run as a single-file program: java TreeGen.java).
 *
 *   gen    DIR FILES LARGE   FILES small files (1-8 KiB, 50 per directory, 50 directories per
 *                            group) under DIR/small/gNNN/dNN/, plus LARGE files of 20-50 MiB
 *                            under DIR/large/. Content is pseudo-random (incompressible) from a
 *                            fixed seed; every file gets the same fixed mtime.
 *   mutate DIR FILES ROUND   rewrites every 100th small file (1 %) in place with new content of
 *                            the same size and an mtime one day per ROUND later.
 *   home   DIR FILES LARGE   the same layout as gen, with content that compresses like a home
 *                            directory (for bench/archive.sh): 7 in 10 small files are text
 *                            (words from a fixed vocabulary, skewed like natural language), 3 in 10
 *                            random (photos, archives); even-numbered large files are text (logs,
 *                            dumps), odd ones random (videos, images).
 *
 * Both modes print the number of files and bytes they wrote.
 */
public final class TreeGen {
    static final int PER_DIR = 50;
    static final int DIRS_PER_GROUP = 50;
    static final long SEED = 0x5eed_1234_abcdL;
    static final long BASE_MTIME_MS = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    static final long DAY_MS = 86_400_000L;

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: java TreeGen.java gen DIR FILES LARGE | mutate DIR FILES ROUND | home DIR FILES LARGE");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        int files = Integer.parseInt(args[2]);
        int third = Integer.parseInt(args[3]);
        byte[] buf = new byte[64 * 1024];
        long count = 0, bytes = 0;
        switch (args[0]) {
            case "gen", "home" -> {
                boolean home = args[0].equals("home");
                FileTime mtime = FileTime.fromMillis(BASE_MTIME_MS);
                for (int i = 0; i < files; i++) {
                    Path f = small(dir, i);
                    if (i % PER_DIR == 0) {
                        Files.createDirectories(f.getParent());
                    }
                    SplittableRandom r = new SplittableRandom(SEED ^ (i * 0x9E3779B97F4A7C15L));
                    bytes += home && i % 10 < 7 ? writeText(f, smallSize(i), r, buf, mtime) : write(f, smallSize(i), r, buf, mtime);
                    count++;
                }
                if (third > 0) {
                    Files.createDirectories(dir.resolve("large"));
                }
                for (int j = 0; j < third; j++) {
                    SplittableRandom r = new SplittableRandom(SEED + 1_000_003L * (j + 1));
                    long size = (20L << 20) + r.nextLong((30L << 20) + 1);
                    Path f = dir.resolve("large").resolve(String.format("large-%02d.bin", j));
                    bytes += home && j % 2 == 0 ? writeText(f, size, r, buf, mtime) : write(f, size, r, buf, mtime);
                    count++;
                }
            }
            case "mutate" -> {
                FileTime mtime = FileTime.fromMillis(BASE_MTIME_MS + third * DAY_MS);
                for (int i = 0; i < files; i += 100) {
                    SplittableRandom r = new SplittableRandom(SEED ^ (i * 0x9E3779B97F4A7C15L) ^ (0x77L * third));
                    bytes += write(small(dir, i), smallSize(i), r, buf, mtime);
                    count++;
                }
            }
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
        System.out.println(count + " files, " + bytes + " bytes");
    }

    static Path small(Path dir, int i) {
        int d = i / PER_DIR;
        return dir.resolve("small").resolve(String.format("g%03d", d / DIRS_PER_GROUP))
                .resolve(String.format("d%02d", d % DIRS_PER_GROUP)).resolve(String.format("f%02d.dat", i % PER_DIR));
    }

    /** 1024..8192 bytes, fixed per file index. */
    static int smallSize(int i) {
        return 1024 + new SplittableRandom(SEED + i).nextInt(7 * 1024 + 1);
    }

    static long write(Path f, long size, SplittableRandom r, byte[] buf, FileTime mtime) throws IOException {
        try (OutputStream out = Files.newOutputStream(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(buf.length, left);
                r.nextBytes(buf);
                out.write(buf, 0, n);
                left -= n;
            }
        }
        Files.setLastModifiedTime(f, mtime);
        return size;
    }

    /** 4096 pseudo-words of 2..10 lowercase letters, the same on every run. */
    static final byte[][] WORDS = words();

    static byte[][] words() {
        SplittableRandom r = new SplittableRandom(SEED ^ 0x30d5L);
        byte[][] w = new byte[4096][];
        for (int i = 0; i < w.length; i++) {
            w[i] = new byte[2 + r.nextInt(9)];
            for (int k = 0; k < w[i].length; k++) {
                w[i][k] = (byte) ('a' + r.nextInt(26));
            }
        }
        return w;
    }

    /**
     * Text: words picked with a skew towards the first ones (the product of two uniform picks),
     * lines of about 60 characters. gzip -6 makes it about 2.5 times smaller, like prose or code.
     */
    static long writeText(Path f, long size, SplittableRandom r, byte[] buf, FileTime mtime) throws IOException {
        try (OutputStream out = Files.newOutputStream(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long left = size;
            int col = 0;
            while (left > 0) {
                int n = 0;
                int want = (int) Math.min(buf.length, left);
                while (n < want) {
                    byte[] w = WORDS[(r.nextInt(64) * r.nextInt(64))];
                    for (int k = 0; k < w.length && n < want; k++) {
                        buf[n++] = w[k];
                    }
                    col += w.length + 1;
                    if (n < want) {
                        buf[n++] = (byte) (col > 60 ? '\n' : ' ');
                        col = col > 60 ? 0 : col;
                    }
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
        Files.setLastModifiedTime(f, mtime);
        return size;
    }
}
