package dev.pullback.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer pb_...}: the request runs as that token, for this request only (no
 * session). A token that is not valid (revoked, mistyped) is a 401 at once, whatever the path:
 * falling back to a cookie session would hide the script's mistake.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    private final TokenService tokens;

    BearerTokenFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    /** Browsers never add this header on their own, so a request with it needs no CSRF token. */
    static boolean hasBearer(HttpServletRequest request) {
        String h = request.getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiToken> token = tokens.authenticate(request.getHeader("Authorization").substring(7).strip());
        if (token.isEmpty()) {
            Problems.unauthenticated(request, response, "the bearer token is not valid (revoked or mistyped): "
                    + "create one with pullback token create NAME --role admin|viewer");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TokenAuthentication(token.get()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
