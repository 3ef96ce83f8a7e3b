package dev.pullback.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.Http;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.TestContext;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route the running server maps, read from Spring's handler mapping (so a route added later is
 * in here without anyone listing it): anonymous gets 401 or the login page unless the route is on
 * the public list; a viewer gets 403 on every route that changes something or downloads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteAccessTest {
    /** The only routes anyone may call without logging in. */
    static final Set<String> PUBLIC = Set.of("GET /login", "GET /api/health");
    static final Set<RequestMethod> READ = Set.of(RequestMethod.GET, RequestMethod.HEAD);

    @TempDir
    static Path tmp;
    ConfigurableApplicationContext context;
    Http http;
    List<Route> routes;

    /** One method on one concrete path: path variables become "x", a trailing ** becomes "x/y". */
    record Route(RequestMethod method, String pattern, String path) {
        String key() {
            return method + " " + pattern;
        }

        boolean api() {
            return pattern.startsWith("/api/");
        }

        boolean download() {
            return pattern.startsWith("/download/");
        }
    }

    @BeforeAll
    void start() {
        context = TestContext.startServer(tmp.resolve("var"), MutableClock.at("2026-03-06T08:00:00Z"),
                "pullback.backup-root=" + tmp.resolve("backups"));
        http = new Http(TestContext.port(context));
        routes = new ArrayList<>();
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                for (String pattern : info.getPatternValues()) {
                    routes.add(new Route(m, pattern, pattern.replaceAll("\\{[^}]+}", "x").replace("/**", "/x/y")));
                }
            }
        }
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void theMappingIsReallyRead() {
        Set<String> keys = new TreeSet<>(routes.stream().map(Route::key).toList());
        assertThat(keys).contains("POST /api/trigger", "GET /api/status", "POST /hosts/{host}/backup", "GET /",
                "GET /download/{host}/{snapshot}/**", "POST /admin/users", "POST /admin/tokens", "GET /login");
        assertThat(keys.size()).isGreaterThan(40);
    }

    @Resilience(item = ResilienceItem.ROUTES_AS_VIEWER_AND_ANONYMOUS, what = "every handler mapping, anonymous", behaviour = "401 problem+json (API) or a redirect to /login (pages), except GET /login and GET /api/health")
    @Test
    void anonymousReachesNothingButThePublicRoutes() {
        Http anonymous = http.anonymous();
        List<String> open = new ArrayList<>();
        for (Route r : routes) {
            if (PUBLIC.contains(r.key())) {
                continue;
            }
            Http.Response res = anonymous.method(r.method().name(), r.path());
            boolean refused = r.api()
                    ? res.status() == 401 && res.contentType().startsWith("application/problem+json")
                    : res.status() == 302 && res.header("Location").endsWith("/login");
            if (!refused) {
                open.add(r.key() + " -> " + res.status() + " " + res.header("Location"));
            }
        }
        assertThat(open).as("routes open to anonymous").isEmpty();
        for (String key : PUBLIC) {
            String path = key.substring(key.indexOf(' ') + 1);
            assertThat(anonymous.get(path).status()).as(key).isEqualTo(200);
        }
    }

    @Resilience(item = ResilienceItem.ROUTES_AS_VIEWER_AND_ANONYMOUS, what = "every mutating route and every download, as viewer (token and session)", behaviour = "403; nothing changed")
    @Test
    void aViewerChangesNothingAndDownloadsNothing() {
        Http viewerToken = http.viewer();
        Http viewerSession = http.loginAs(Role.VIEWER, false);
        List<String> open = new ArrayList<>();
        int checked = 0;
        for (Route r : routes) {
            if (READ.contains(r.method()) && !r.download() || PUBLIC.contains(r.key())) {
                continue;
            }
            checked++;
            for (Http viewer : List.of(viewerToken, viewerSession)) {
                Http.Response res = viewer.method(r.method().name(), r.path());
                if (res.status() != 403 || r.api() && !res.contentType().startsWith("application/problem+json")) {
                    open.add(r.key() + " -> " + res.status() + (viewer == viewerToken ? " (token)" : " (session)"));
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(open).as("routes a viewer may change things through").isEmpty();
        assertThat(viewerToken.get("/api/status").status()).as("but a viewer reads").isEqualTo(200);
        assertThat(viewerSession.get("/").status()).isEqualTo(200);
        assertThat(viewerSession.get("/admin/users").status()).as("the admin page is for admins").isEqualTo(403);
        assertThat(viewerSession.get("/").body()).doesNotContain("/admin/users");
    }

    @Test
    void theDownloadGrantOpensDownloadsOnly() {
        Http downloader = http.as(Role.VIEWER, true);
        Http.Response download = downloader.get("/download/x/2026-03-06_0800/a.txt");
        assertThat(download.status()).as("let through to the controller: no such host").isNotIn(401, 403);
        assertThat(downloader.post("/api/trigger").status()).isEqualTo(403);
        assertThat(http.viewer().get("/download/x/2026-03-06_0800/a.txt").status()).isEqualTo(403);
        assertThat(http.viewer().method("HEAD", "/download/x/2026-03-06_0800/a.txt").status()).isEqualTo(403);
    }
}
