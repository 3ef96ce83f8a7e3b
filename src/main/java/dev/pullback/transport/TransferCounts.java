package dev.pullback.transport;

/**
 * What one rsync run reported, from its {@code --stats} block and its itemized lines.
 *
 * @param entries          all entries in the new tree (files, dirs, links, ...): "Number of files"
 * @param created          entries not found in the link base: "Number of created files"
 * @param updated          non-directory entries itemized as changed against the link base
 * @param bytesTotal       "Total file size"
 * @param bytesTransferred bytes received over the wire
 * @param newBytes         size of files written as new inodes (not hardlinked)
 */
public record TransferCounts(long entries, long created, long updated, long bytesTotal,
                             long bytesTransferred, long newBytes) {

    public static final TransferCounts ZERO = new TransferCounts(0, 0, 0, 0, 0, 0);

    public TransferCounts plus(TransferCounts o) {
        return new TransferCounts(entries + o.entries, created + o.created, updated + o.updated,
                bytesTotal + o.bytesTotal, bytesTransferred + o.bytesTransferred, newBytes + o.newBytes);
    }
}
