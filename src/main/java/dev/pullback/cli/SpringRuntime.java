package dev.pullback.cli;

import dev.pullback.PullbackApplication;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/** Starts a non-web Spring context on first use, so parsing and --help never wait for it. */
final class SpringRuntime implements CliRuntime {
    private ConfigurableApplicationContext context;

    @Override
    public <T> T service(Class<T> type) {
        if (context == null) {
            context = new SpringApplicationBuilder(PullbackApplication.class)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .run();
        }
        return context.getBean(type);
    }

    @Override
    public int runUntilStopped(boolean web, String... properties) {
        CountDownLatch closed = new CountDownLatch(1);
        context = new SpringApplicationBuilder(PullbackApplication.class)
                .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .listeners(event -> {
                    if (event instanceof ContextClosedEvent) {
                        closed.countDown();
                    }
                })
                // as command-line arguments: they must win over application.properties
                .run(java.util.Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new));
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
