package dev.pullback.cli;

import dev.pullback.testing.TestContext;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.context.ConfigurableApplicationContext;

/** The CLI's runtime over a real context (SQLite in a temp data dir) with a clock the test controls. */
final class TestRuntime implements CliRuntime {
    final ConfigurableApplicationContext context;

    TestRuntime(Path dataDir, Clock clock, String... properties) {
        context = TestContext.start(dataDir, clock, properties);
    }

    @Override
    public <T> T service(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public int runUntilStopped(boolean web, String... properties) {
        throw new UnsupportedOperationException("long-running commands are tested as processes");
    }

    @Override
    public void close() {
        context.close();
    }
}
