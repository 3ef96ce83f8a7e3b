package dev.pullback.cli;

/** Where commands get their services: a Spring context started only when a command runs. */
public interface CliRuntime extends AutoCloseable {
    <T> T service(Class<T> type);

    @Override
    void close();
}
