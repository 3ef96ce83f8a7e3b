package dev.pullback.transport;

/** Live progress of a transfer, for terminals, the event stream and job rows. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (files, bytes, current) -> { };

    /**
     * @param files   entries itemized so far (new or changed)
     * @param bytes   bytes transferred so far
     * @param current the entry being worked on, as rsync printed it (escaped)
     */
    void update(long files, long bytes, String current);

    /** The transfer is over and the snapshot is being made durable and visible. */
    default void committing() {
    }
}
