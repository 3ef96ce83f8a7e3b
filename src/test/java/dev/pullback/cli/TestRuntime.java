package dev.pullback.cli;

import dev.pullback.PullbackApplication;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The CLI's runtime over a real context (SQLite in a temp data dir) with a clock the test controls. */
final class TestRuntime implements CliRuntime {
    final ConfigurableApplicationContext context;

    TestRuntime(Path dataDir, Clock clock, String... properties) {
        // as command-line arguments: they must win over application.properties and the environment
        List<String> props = new ArrayList<>(List.of("--pullback.data-dir=" + dataDir, "--pullback.database-url=",
                "--pullback.backup-root=", "--pullback.hosts=", "--pullback.timezone=UTC"));
        List.of(properties).forEach(p -> props.add("--" + p));
        context = new SpringApplicationBuilder(PullbackApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("testClock", clock))
                .run(props.toArray(String[]::new));
    }

    @Override
    public <T> T service(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
