package dev.pullback.testing;

import dev.pullback.security.Role;
import dev.pullback.security.TokenService;
import dev.pullback.security.UserService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client for a server started by a test: real HTTP over loopback. By default it sends the
 * admin's API token that {@link TestContext#startServer} made ({@code Authorization: Bearer}); copies
 * send nothing ({@link #anonymous()}), another token ({@link #withToken}, {@link #viewer()}), or
 * log in through the form and keep the session cookie and the CSRF token ({@link #login}).
 * Instances are immutable: every {@code with...} returns a copy.
 */
public final class Http {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    /** Servers started by TestContext.startServer, by port: their context and the admin's token. */
    private static final Map<Integer, Server> SERVERS = new ConcurrentHashMap<>();
    private static final AtomicInteger NAMES = new AtomicInteger();

    private record Server(ConfigurableApplicationContext context, String adminToken) {
    }

    private final int port;
    private final String base;
    private final HttpClient client;
    private final String bearer;
    private final String csrf;
    private final Map<String, String> headers;

    /** The admin's bearer token when a test started this server through TestContext; anonymous otherwise. */
    public Http(int port) {
        this(port, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                SERVERS.containsKey(port) ? SERVERS.get(port).adminToken() : null, null, Map.of());
    }

    private Http(int port, HttpClient client, String bearer, String csrf, Map<String, String> headers) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.client = client;
        this.bearer = bearer;
        this.csrf = csrf;
        this.headers = Map.copyOf(headers);
    }

    static void register(int port, ConfigurableApplicationContext context, String adminToken) {
        SERVERS.put(port, new Server(context, adminToken));
    }

    static void unregister(int port) {
        SERVERS.remove(port);
    }

    public String base() {
        return base;
    }

    /** No credentials at all (and no cookies). */
    public Http anonymous() {
        return new Http(port, plainClient(), null, null, headers);
    }

    public Http withToken(String token) {
        return new Http(port, plainClient(), token, null, headers);
    }

    /** A fresh read-only token (no download grant). */
    public Http viewer() {
        return as(Role.VIEWER, false);
    }

    /** A fresh token with this role, made in the server's database. */
    public Http as(Role role, boolean canDownload) {
        return withToken(server().context().getBean(TokenService.class)
                .create("test-" + role.id() + "-" + NAMES.incrementAndGet(), role, canDownload).secret());
    }

    /** One more header on every request (Origin, HX-Request ...). */
    public Http header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Http(port, client, bearer, csrf, h);
    }

    /** No bearer token, but a cookie jar: what a browser has before it logs in. */
    public Http session() {
        return new Http(port, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(new CookieManager()).build(),
                null, null, headers);
    }

    /** Logs in through the form as the admin TestContext made. */
    public Http login() {
        return login(TestContext.ADMIN, TestContext.ADMIN_PASSWORD);
    }

    /** A user with this role (made in the server's database if missing), logged in through the form. */
    public Http loginAs(Role role, boolean canDownload) {
        String name = "test-" + role.id() + (canDownload ? "-dl" : "");
        UserService users = server().context().getBean(UserService.class);
        if (users.find(name).isEmpty()) {
            users.add(name, role, canDownload, TestContext.ADMIN_PASSWORD);
        }
        return login(name, TestContext.ADMIN_PASSWORD);
    }

    /**
     * Logs in through the form and returns a session client that sends the CSRF token with every
     * request that changes something. Fails the test when the login does not succeed.
     */
    public Http login(String user, String password) {
        Http s = session();
        String loginPage = s.get("/login").body();
        Response r = s.form("/login", "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token(CSRF_FIELD, loginPage)));
        if (r.status() != 302 || r.header("Location").contains("error")) {
            throw new AssertionError("login as " + user + " failed: " + r + " " + r.header("Location"));
        }
        // Spring Security issues a new CSRF token at login: read it from a page
        return s.withCsrf(token(CSRF_META, s.get("/").body()));
    }

    /** This session's CSRF token, as the pages' meta tag carries it. */
    public Http withCsrf(String token) {
        return new Http(port, client, bearer, token, headers);
    }

    public Http withoutCsrf() {
        return withCsrf(null);
    }

    public String csrf() {
        return csrf;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A form POST ({@code application/x-www-form-urlencoded}, body already encoded). */
    public Response form(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /** Any method, no body. */
    public Response method(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** The raw bytes (downloads). */
    public HttpResponse<byte[]> bytes(String path) {
        return exchange(prepare(HttpRequest.newBuilder(URI.create(base + path)).GET()), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET read as a stream of lines while it lasts (server-sent events). */
    public java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> lines(String path) {
        return client.sendAsync(prepare(HttpRequest.newBuilder(URI.create(base + path)).GET()), HttpResponse.BodyHandlers.ofLines());
    }

    /** A form post as a browser sends it; {@code htmx} adds the header htmx sends. Redirects are not followed. */
    public Response form(String path, String urlEncodedBody, boolean htmx) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlEncodedBody));
        if (htmx) {
            b.header("HX-Request", "true");
        }
        return send(b);
    }

    /** A GET whose body is bytes (downloads), with the response headers. */
    public Download download(String path) {
        HttpResponse<byte[]> r = exchange(prepare(HttpRequest.newBuilder(URI.create(base + path)).GET()),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r.headers(), r.body());
    }

    /** A downloaded response: status, headers, body bytes. */
    public record Download(int status, HttpHeaders headers, byte[] body) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private Response send(HttpRequest.Builder b) {
        HttpResponse<String> r = exchange(prepare(b), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
    }

    private HttpRequest prepare(HttpRequest.Builder b) {
        headers.forEach(b::header);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpRequest probe = b.copy().build();
        if (csrf != null && !SAFE.contains(probe.method())) {
            b.header("X-CSRF-TOKEN", csrf);
        }
        return b.timeout(Duration.ofSeconds(30)).build();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Server server() {
        Server s = SERVERS.get(port);
        if (s == null) {
            throw new IllegalStateException("no server started by TestContext.startServer on port " + port);
        }
        return s;
    }

    private HttpClient plainClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String token(Pattern p, String html) {
        Matcher m = p.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page: " + html);
        }
        return m.group(1);
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A response: status, content type, body text, headers, and the body as JSON. */
    public record Response(int status, String contentType, String body, HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The header's first value, or "" when absent. */
        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
