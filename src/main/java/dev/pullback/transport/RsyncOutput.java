package dev.pullback.transport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads rsync's stdout as it streams: itemized lines (our {@code --out-format="%i %l %n%L"}),
 * {@code --info=progress2} updates and the final {@code --stats} block. Not thread-safe: one
 * reader thread feeds it.
 */
public final class RsyncOutput {
    /** The argument that makes rsync print what {@link #accept} parses. */
    public static final String OUT_FORMAT = "--out-format=%i %l %n%L";

    private static final Pattern ITEM = Pattern.compile("^(\\*deleting|[<>ch.][fdLDS.][^ ]{9})\\s+(\\d+) (.*)$");
    private static final Pattern PROGRESS = Pattern.compile("^\\s*([\\d,]+)\\s+\\d+%.*$");
    private static final Pattern STAT = Pattern.compile("^(Number of files|Number of created files|Total file size|Total bytes received): ([\\d,]+).*$");

    private long entries;
    private long created;
    private long updated;
    private long newBytes;
    private long bytesTotal;
    private long bytesReceived;
    private long itemized;
    private long progressBytes;
    private String lastItem = "";

    /** Feeds one line (split on '\n' or '\r'). */
    public void accept(String line) {
        Matcher m = ITEM.matcher(line);
        if (m.matches()) {
            item(m.group(1), Long.parseLong(m.group(2)), m.group(3));
            return;
        }
        m = STAT.matcher(line);
        if (m.matches()) {
            long v = number(m.group(2));
            switch (m.group(1)) {
                case "Number of files" -> entries = v;
                case "Number of created files" -> created = v;
                case "Total file size" -> bytesTotal = v;
                default -> bytesReceived = v;
            }
            return;
        }
        m = PROGRESS.matcher(line);
        if (m.matches()) {
            progressBytes = number(m.group(1));
        }
    }

    private void item(String code, long length, String name) {
        itemized++;
        lastItem = name;
        if (code.startsWith("*")) {
            return; // "*deleting": only seen when a leftover directory is reused
        }
        boolean directory = code.charAt(1) == 'd';
        boolean isNew = code.startsWith("+++++++++", 2);
        if (!directory && !isNew) {
            updated++;
        }
        if (code.charAt(1) == 'f' && (code.charAt(0) == '>' || code.charAt(0) == 'c')) {
            newBytes += length;
        }
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    public TransferCounts counts() {
        return new TransferCounts(entries, created, updated, bytesTotal, bytesReceived, newBytes);
    }

    /** Lines itemized so far: files seen by the receiver, for progress display. */
    public long itemized() {
        return itemized;
    }

    /** Bytes transferred so far according to the progress updates. */
    public long progressBytes() {
        return Math.max(progressBytes, newBytes);
    }

    public String lastItem() {
        return lastItem;
    }
}
