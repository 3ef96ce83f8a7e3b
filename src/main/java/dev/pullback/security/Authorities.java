package dev.pullback.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A role and the download grant as Spring authorities: ROLE_ADMIN or ROLE_VIEWER, plus DOWNLOAD. */
final class Authorities {
    static final String DOWNLOAD = "DOWNLOAD";

    private Authorities() {
    }

    static List<GrantedAuthority> of(Role role, boolean mayDownload) {
        List<GrantedAuthority> a = new ArrayList<>();
        a.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
        if (mayDownload) {
            a.add(new SimpleGrantedAuthority(DOWNLOAD));
        }
        return List.copyOf(a);
    }
}
