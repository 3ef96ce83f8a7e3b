package dev.pullback.web;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Space and inodes of the file system holding the backup root. Bytes come from the JDK; the JDK
 * has no inode call, so inodes come from {@code stat -f} (GNU coreutils) and are absent where
 * that fails.
 *
 * @param inodesTotal null when unknown (or a file system without fixed inodes, e.g. btrfs reports 0)
 */
public record DiskUsage(String path, long total, long used, long free, Long inodesTotal, Long inodesFree) {
    public static final int WARN_PERCENT = 80;
    public static final int CRITICAL_PERCENT = 95;

    public static DiskUsage of(Path root) throws IOException {
        FileStore store = Files.getFileStore(root);
        long total = store.getTotalSpace();
        long free = store.getUsableSpace();
        long used = total - store.getUnallocatedSpace();
        Long[] inodes = inodes(root);
        return new DiskUsage(root.toString(), total, used, free, inodes[0], inodes[1]);
    }

    private static Long[] inodes(Path root) {
        try {
            Process p = new ProcessBuilder(List.of("stat", "-f", "-c", "%c %d", "--", root.toString()))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return new Long[2];
            }
            String[] parts = out.split("\\s+");
            long total = Long.parseLong(parts[0]);
            return total <= 0 ? new Long[2] : new Long[] {total, Long.parseLong(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new Long[2];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Long[2];
        }
    }

    public int usedPercent() {
        return total <= 0 ? 0 : (int) Math.round(100.0 * used / (used + free));
    }

    public Integer inodesUsedPercent() {
        return inodesTotal == null ? null : (int) Math.round(100.0 * (inodesTotal - inodesFree) / inodesTotal);
    }

    /** ok, warn (above 80 %) or critical (above 95 %), by the worse of bytes and inodes. */
    public String level() {
        int worst = Math.max(usedPercent(), inodesUsedPercent() == null ? 0 : inodesUsedPercent());
        return worst >= CRITICAL_PERCENT ? "critical" : worst >= WARN_PERCENT ? "warn" : "ok";
    }
}
