package dev.pullback.testing;

import dev.pullback.PullbackApplication;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A real non-web pullback context over a temp data dir, with a clock the test controls. */
public final class TestContext {
    private TestContext() {
    }

    /** @param properties {@code key=value}, given as command-line arguments so they win over the environment */
    public static ConfigurableApplicationContext start(Path dataDir, Clock clock, String... properties) {
        return start(WebApplicationType.NONE, dataDir, clock, properties);
    }

    /** The web server on a free loopback port; {@code local.server.port} in its environment says which. */
    public static ConfigurableApplicationContext startServer(Path dataDir, Clock clock, String... properties) {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("server.port=0", "server.address=127.0.0.1"),
                java.util.Arrays.stream(properties)).toArray(String[]::new);
        return start(WebApplicationType.SERVLET, dataDir, clock, all);
    }

    private static ConfigurableApplicationContext start(WebApplicationType web, Path dataDir, Clock clock, String... properties) {
        return start(web, dataDir, clock, ctx -> { }, properties);
    }

    /** A non-web context with extra beans registered by {@code extra} before it starts (a test's stand-ins). */
    public static ConfigurableApplicationContext start(Path dataDir, Clock clock,
                                                       java.util.function.Consumer<org.springframework.context.support.GenericApplicationContext> extra,
                                                       String... properties) {
        return start(WebApplicationType.NONE, dataDir, clock, extra, properties);
    }

    private static ConfigurableApplicationContext start(WebApplicationType web, Path dataDir, Clock clock,
                                                        java.util.function.Consumer<org.springframework.context.support.GenericApplicationContext> extra,
                                                        String... properties) {
        Map<String, String> props = new LinkedHashMap<>(Map.of("pullback.data-dir", dataDir.toString(),
                "pullback.database-url", "", "pullback.backup-root", "", "pullback.hosts", "", "pullback.timezone", "UTC"));
        for (String p : properties) {
            props.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        List<String> args = new ArrayList<>();
        props.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(PullbackApplication.class)
                .web(web)
                .initializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("testClock", clock);
                    extra.accept((org.springframework.context.support.GenericApplicationContext) ctx);
                })
                .run(args.toArray(String[]::new));
    }
}
