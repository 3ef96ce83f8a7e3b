package dev.pullback.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Who is looking, for the pages ({@code me} in every template; null when nobody is logged in). */
@ControllerAdvice(basePackageClasses = CurrentUser.class)
class CurrentUser {
    /** @param admin may change things; @param mayDownload may download files and folders */
    record Me(String name, boolean admin, boolean mayDownload) {
    }

    @ModelAttribute("me")
    Me me() {
        return current();
    }

    /** Whether to show controls that change things: a viewer would only get 403 from them. */
    @ModelAttribute("isAdmin")
    boolean isAdmin() {
        return currentIsAdmin();
    }

    static boolean currentIsAdmin() {
        Me me = current();
        return me != null && me.admin();
    }

    static Me current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
            return null;
        }
        boolean admin = has(a, "ROLE_ADMIN");
        return new Me(a.getName(), admin, admin || has(a, "DOWNLOAD"));
    }

    private static boolean has(Authentication a, String authority) {
        return a.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
    }
}
