package dev.pullback.testing;

import dev.pullback.PullbackApplication;
import dev.pullback.security.Role;
import dev.pullback.security.TokenService;
import dev.pullback.security.UserService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/** A real non-web pullback context over a temp data dir, with a clock the test controls. */
public final class TestContext {
    /** The admin every server started here has (made after start, kept when it exists already). */
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "correct horse battery";
    static final String ADMIN_TOKEN = "test-admin";

    private TestContext() {
    }

    /** @param properties {@code key=value}, given as command-line arguments so they win over the environment */
    public static ConfigurableApplicationContext start(Path dataDir, Clock clock, String... properties) {
        return start(WebApplicationType.NONE, dataDir, clock, properties);
    }

    /**
     * The web server on a free loopback port; {@code local.server.port} in its environment says which.
     * It has an admin ({@link #ADMIN}, {@link #ADMIN_PASSWORD}) and an admin API token that
     * {@code new Http(port)} sends by default, so tests talk to it as the admin unless they ask otherwise.
     */
    public static ConfigurableApplicationContext startServer(Path dataDir, Clock clock, String... properties) {
        return startServer(dataDir, clock, ctx -> { }, properties);
    }

    /** The server with extra beans registered by {@code extra} before it starts (a test's stand-ins), and the admin. */
    public static ConfigurableApplicationContext startServer(Path dataDir, Clock clock,
                                                             java.util.function.Consumer<org.springframework.context.support.GenericApplicationContext> extra,
                                                             String... properties) {
        ConfigurableApplicationContext context = startServerWithoutUsers(dataDir, clock, extra, properties);
        if (context.getBean(UserService.class).find(ADMIN).isEmpty()) {
            context.getBean(UserService.class).add(ADMIN, Role.ADMIN, false, ADMIN_PASSWORD);
        }
        TokenService tokens = context.getBean(TokenService.class);
        if (tokens.list().stream().anyMatch(t -> t.name().equals(ADMIN_TOKEN))) {
            tokens.revoke(ADMIN_TOKEN); // a restart on the same database: the old secret is gone with the old Http
        }
        Http.register(port(context), context, tokens.create(ADMIN_TOKEN, Role.ADMIN, false).secret());
        return context;
    }

    /** The web server as a fresh installation has it: no user, no token (the first-start behaviour). */
    public static ConfigurableApplicationContext startServerWithoutUsers(Path dataDir, Clock clock, String... properties) {
        return startServerWithoutUsers(dataDir, clock, ctx -> { }, properties);
    }

    private static ConfigurableApplicationContext startServerWithoutUsers(Path dataDir, Clock clock,
                                                                          java.util.function.Consumer<org.springframework.context.support.GenericApplicationContext> extra,
                                                                          String... properties) {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("server.port=0", "server.address=127.0.0.1"),
                java.util.Arrays.stream(properties)).toArray(String[]::new);
        ConfigurableApplicationContext context = start(WebApplicationType.SERVLET, dataDir, clock, extra, all);
        int port = port(context);
        Http.register(port, context, null);
        context.addApplicationListener(e -> {
            if (e instanceof ContextClosedEvent) {
                Http.unregister(port);
            }
        });
        return context;
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
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
