package dev.pullback.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The login check reads the users table; the hash's {id} prefix picks the algorithm. A bean in every
 * context, so Spring Boot never makes its own in-memory user with a generated password.
 */
public class UserLogin implements UserDetailsService {
    private final UserRepository users;

    public UserLogin(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String name) {
        return users.credentials(name)
                .map(c -> org.springframework.security.core.userdetails.User.withUsername(c.user().name())
                        .password(c.passwordHash())
                        .authorities(Authorities.of(c.user().role(), c.user().mayDownload())).build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
