package dev.pullback.cli;

/** Where commands get their services: a Spring context started only when a command runs. */
public interface CliRuntime extends AutoCloseable {
    <T> T service(Class<T> type);

    /**
     * Starts a long-running context (the web server, or the scheduler alone) with these extra
     * {@code key=value} properties and blocks until it is stopped (SIGTERM, Ctrl-C).
     *
     * @return the exit code
     */
    default int runUntilStopped(boolean web, String... properties) {
        throw new UnsupportedOperationException("this runtime runs no long-running context");
    }

    @Override
    void close();
}
