package dev.pullback.cli;

import dev.pullback.PullbackApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
