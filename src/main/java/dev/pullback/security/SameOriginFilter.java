package dev.pullback.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A second line beside the CSRF token: a browser request that changes something and says it comes
 * from another origin is refused, token or not. Browsers send {@code Origin} on every cross-site
 * POST; requests without it (curl, old clients) rely on the token alone.
 */
final class SameOriginFilter extends OncePerRequestFilter {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private final AccessDeniedHandler denied;

    SameOriginFilter(AccessDeniedHandler denied) {
        this.denied = denied;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        if (origin != null && !SAFE.contains(request.getMethod()) && !BearerTokenFilter.hasBearer(request)
                && !sameOrigin(origin, request)) {
            denied.handle(request, response, new AccessDeniedException("cross-origin request refused (Origin " + origin + ")"));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Host and port as the browser addressed this server (the Host header, which proxies keep). */
    static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI o = URI.create(origin);
            if (o.getHost() == null) {
                return false;
            }
            int port = o.getPort() != -1 ? o.getPort() : "https".equals(o.getScheme()) ? 443 : 80;
            String host = request.getHeader("Host");
            if (host == null) {
                return false;
            }
            URI h = URI.create("//" + host);
            // no port in Host: the default port of whatever scheme the browser used (a TLS proxy in front)
            return o.getHost().equalsIgnoreCase(h.getHost()) && (h.getPort() == -1 || port == h.getPort());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
