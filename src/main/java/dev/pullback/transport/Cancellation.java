package dev.pullback.transport;

/** A flag a front end sets to stop a host's run; the runner polls it. */
public final class Cancellation {
    private volatile boolean requested;

    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }
}
