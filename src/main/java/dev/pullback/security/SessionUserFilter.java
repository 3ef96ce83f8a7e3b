package dev.pullback.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A login session holds what the user was allowed at login. Each request reads the user again (one
 * indexed query), so a removed user is out at once and a changed role counts from the next click.
 */
final class SessionUserFilter extends OncePerRequestFilter {
    private final UserRepository users;

    SessionUserFilter(UserRepository users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof UsernamePasswordAuthenticationToken && auth.isAuthenticated()) {
            Optional<User> user = users.find(auth.getName());
            if (user.isEmpty()) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else {
                var now = Authorities.of(user.get().role(), user.get().mayDownload());
                if (!new HashSet<>(now).equals(new HashSet<>(auth.getAuthorities()))) {
                    SecurityContext fresh = SecurityContextHolder.createEmptyContext();
                    fresh.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(auth.getPrincipal(), null, now));
                    SecurityContextHolder.setContext(fresh);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
