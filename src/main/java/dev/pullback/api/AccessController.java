package dev.pullback.api;

import dev.pullback.InvalidInputException;
import dev.pullback.security.ApiToken;
import dev.pullback.security.NewToken;
import dev.pullback.security.Role;
import dev.pullback.security.TokenService;
import dev.pullback.security.User;
import dev.pullback.security.UserService;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users and API tokens: the API twin of /admin/users and of {@code pullback user|token} (admins
 * only, see security/WebSecurity). Password hashes and token hashes never leave the server.
 */
@RestController
@RequestMapping("/api")
class AccessController {
    private final UserService users;
    private final TokenService tokens;

    AccessController(UserService users, TokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    record UserDto(String name, String role, boolean canDownload, Instant createdAt, Instant updatedAt) {
        static UserDto of(User u) {
            return new UserDto(u.name(), u.role().id(), u.mayDownload(), u.createdAt(), u.updatedAt());
        }
    }

    /** @param canDownload a viewer may download files and folders (admins always may) */
    record UserBody(String role, Boolean canDownload, String password) {
    }

    record TokenDto(String name, String role, boolean canDownload, Instant createdAt, Instant lastUsedAt) {
        static TokenDto of(ApiToken t) {
            return new TokenDto(t.name(), t.role().id(), t.mayDownload(), t.createdAt(), t.lastUsedAt());
        }
    }

    /** A token just made: {@code token} is in this answer only. */
    record NewTokenDto(String name, String role, boolean canDownload, Instant createdAt, String token) {
    }

    record TokenBody(String role, Boolean canDownload) {
    }

    @GetMapping("/users")
    List<UserDto> users() {
        return users.list().stream().map(UserDto::of).toList();
    }

    @PostMapping("/users/{name}")
    @ResponseStatus(HttpStatus.CREATED)
    UserDto addUser(@PathVariable String name, @RequestBody UserBody body) {
        return UserDto.of(users.add(name, Role.parse(body.role()), Boolean.TRUE.equals(body.canDownload()), body.password()));
    }

    /** Changes the role (and grant) and/or the password, whichever is given. */
    @PutMapping("/users/{name}")
    UserDto changeUser(@PathVariable String name, @RequestBody UserBody body) {
        User u = users.get(name);
        if (body.role() == null && body.canDownload() == null && body.password() == null) {
            throw new InvalidInputException("body", "give role, can_download and/or password");
        }
        if (body.password() != null) {
            UserService.checkNewPassword(body.password());
        }
        if (body.role() != null || body.canDownload() != null) {
            users.changeRole(name, body.role() == null ? u.role() : Role.parse(body.role()),
                    body.canDownload() == null ? u.canDownload() : body.canDownload());
        }
        if (body.password() != null) {
            users.changePassword(name, body.password());
        }
        return UserDto.of(users.get(name));
    }

    @DeleteMapping("/users/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeUser(@PathVariable String name) {
        users.remove(name);
    }

    @GetMapping("/tokens")
    List<TokenDto> tokens() {
        return tokens.list().stream().map(TokenDto::of).toList();
    }

    @PostMapping("/tokens/{name}")
    @ResponseStatus(HttpStatus.CREATED)
    NewTokenDto createToken(@PathVariable String name, @RequestBody TokenBody body) {
        NewToken t = tokens.create(name, Role.parse(body.role()), Boolean.TRUE.equals(body.canDownload()));
        return new NewTokenDto(t.token().name(), t.token().role().id(), t.token().mayDownload(), t.token().createdAt(), t.secret());
    }

    @DeleteMapping("/tokens/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeToken(@PathVariable String name) {
        tokens.revoke(name);
    }
}
