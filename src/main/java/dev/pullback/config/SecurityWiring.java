package dev.pullback.config;

import dev.pullback.security.TokenRepository;
import dev.pullback.security.TokenService;
import dev.pullback.security.UserLogin;
import dev.pullback.security.UserRepository;
import dev.pullback.security.UserService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Users and tokens for every context: the CLI manages them, the web server checks them. */
@Configuration(proxyBeanMethods = false)
public class SecurityWiring {
    /** bcrypt today, stored as {bcrypt}...: the prefix lets a later version move to another algorithm. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserLogin userLogin(UserRepository repo) {
        return new UserLogin(repo);
    }

    @Bean
    UserService userService(UserRepository repo, PasswordEncoder encoder, Clock clock) {
        return new UserService(repo, encoder, clock);
    }

    @Bean
    TokenService tokenService(TokenRepository repo, Clock clock) {
        return new TokenService(repo, clock);
    }
}
