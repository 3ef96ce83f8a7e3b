package dev.pullback.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may reach what. Every route needs a login or a token except the login page, static assets
 * and {@code /api/health}; reading needs any role; changing anything (every method but GET/HEAD)
 * and the admin pages (and their API twins) need admin; downloads need admin or the download grant. The rule is by
 * method, not by a list of routes, so a route added later is closed until someone opens it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSecurity {
    private static final Logger log = LoggerFactory.getLogger(WebSecurity.class);
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    static final String FIRST_ADMIN = "pullback user add NAME --role admin";

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, TokenService tokens, UserRepository users, Clock clock) throws Exception {
        AccessDeniedHandler denied = accessDenied();
        LoginThrottle throttle = new LoginThrottle(clock);
        http.authorizeHttpRequests(a -> a
                        // an error page or an async (SSE) dispatch belongs to a request that was already let in
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.GET, "/login", "/api/health", "/webjars/**", "/web/**").permitAll()
                        .requestMatchers("/admin/**", "/api/users", "/api/users/**", "/api/tokens", "/api/tokens/**").hasRole("ADMIN")
                        // every method: a HEAD would otherwise run the download (and tell its size) for a viewer
                        .requestMatchers("/download/**").hasAnyAuthority("ROLE_ADMIN", Authorities.DOWNLOAD)
                        .requestMatchers(HttpMethod.GET, "/**").authenticated()
                        .requestMatchers(HttpMethod.HEAD, "/**").authenticated()
                        .anyRequest().hasRole("ADMIN"))
                .formLogin(f -> f.loginPage("/login").permitAll()
                        .successHandler(loggedIn(users, throttle)).failureHandler(loginFailed(throttle)))
                .logout(l -> l.logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
                .csrf(c -> c.ignoringRequestMatchers(BearerTokenFilter::hasBearer))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()).accessDeniedHandler(denied))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP)).frameOptions(f -> f.deny()))
                .addFilterBefore(new BearerTokenFilter(tokens), CsrfFilter.class)
                .addFilterBefore(new SameOriginFilter(denied), CsrfFilter.class)
                .addFilterBefore(new SessionUserFilter(users), AnonymousAuthenticationFilter.class)
                .addFilterBefore(refuseThrottled(throttle), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    /** After a login: note the password version (SessionUserFilter), then go where the user was going. */
    private static AuthenticationSuccessHandler loggedIn(UserRepository users, LoginThrottle throttle) {
        AuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
        return (request, response, auth) -> {
            throttle.succeeded(auth.getName(), request.getRemoteAddr());
            SessionUserFilter.remember(request, users, auth.getName());
            next.onAuthenticationSuccess(request, response, auth);
        };
    }

    private static AuthenticationFailureHandler loginFailed(LoginThrottle throttle) {
        AuthenticationFailureHandler next = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, e) -> {
            throttle.failed(request.getParameter("username"), request.getRemoteAddr());
            log.warn("failed login for '{}' from {}", Names.printable(String.valueOf(request.getParameter("username")).substring(0,
                    Math.min(64, String.valueOf(request.getParameter("username")).length()))), request.getRemoteAddr());
            next.onAuthenticationFailure(request, response, e);
        };
    }

    /** A throttled name and address get the login page with a message; the password is not even checked. */
    private static OncePerRequestFilter refuseThrottled(LoginThrottle throttle) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())
                        && throttle.blocked(request.getParameter("username"), request.getRemoteAddr())) {
                    response.sendRedirect(request.getContextPath() + "/login?throttled");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** API: 401 problem+json. htmx: 401 with HX-Redirect (a redirect would swap the login page into a card). Pages: to /login. */
    private static AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> {
            if (Problems.isApi(request)) {
                Problems.unauthenticated(request, response, "log in or send Authorization: Bearer <token>");
            } else if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                response.setStatus(401);
            } else {
                response.sendRedirect(request.getContextPath() + "/login");
            }
        };
    }

    /** Someone not logged in is told to log in (401 / the login page), even when the CSRF check is what stopped them. */
    private static AccessDeniedHandler accessDenied() {
        AccessDeniedHandler pages = new AccessDeniedHandlerImpl();
        AuthenticationEntryPoint login = entryPoint();
        return (request, response, e) -> {
            Authentication who = SecurityContextHolder.getContext().getAuthentication();
            if (who == null || who instanceof AnonymousAuthenticationToken || !who.isAuthenticated()) {
                login.commence(request, response, new InsufficientAuthenticationException(e.getMessage()));
            } else if (Problems.isApi(request)) {
                Problems.forbidden(request, response, e instanceof CsrfException
                        ? "missing or stale CSRF token: send the X-CSRF-TOKEN header, or use a bearer token"
                        : String.valueOf(e.getMessage()).startsWith("cross-origin") ? e.getMessage() : "your role may not do this");
            } else {
                pages.handle(request, response, e);
            }
        };
    }

    /** No user, no way in: the server says how to make the first admin, and never listens beyond loopback. */
    @Bean
    SmartInitializingSingleton refuseOpenBindWithoutUsers(Environment env, UserRepository users) {
        return () -> BindAddress.checkStart(env.getProperty("server.address"), users.count());
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> sayHowToCreateTheFirstAdmin(UserRepository users) {
        return event -> {
            if (users.count() == 0) {
                log.warn("*** No users yet: nothing is reachable until you create the first admin: {} "
                        + "(it asks for the password), then log in at /login", FIRST_ADMIN);
            }
        };
    }
}
