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
 * indexed query), so a removed user, or a session from before a password change, is out at once,
 * and a changed role counts from the next click.
 */
final class SessionUserFilter extends OncePerRequestFilter {
    private final UserRepository users;

    /** The session attribute with the user's password version at login. */
    static final String PASSWORD_VERSION = "pullback.password-version";

    SessionUserFilter(UserRepository users) {
        this.users = users;
    }

    /** At login: remember which password this session was opened with. */
    static void remember(HttpServletRequest request, UserRepository users, String name) {
        request.getSession().setAttribute(PASSWORD_VERSION,
                users.credentials(name).map(UserRepository.Credentials::passwordVersion).orElse(-1));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof UsernamePasswordAuthenticationToken && auth.isAuthenticated()) {
            HttpSession session = request.getSession(false);
            Object version = session == null ? null : session.getAttribute(PASSWORD_VERSION);
            Optional<User> user = users.credentials(auth.getName())
                    .filter(c -> Integer.valueOf(c.passwordVersion()).equals(version))
                    .map(UserRepository.Credentials::user);
            if (user.isEmpty()) {
                SecurityContextHolder.clearContext();
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
