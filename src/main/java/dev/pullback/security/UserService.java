package dev.pullback.security;

import dev.pullback.ConflictException;
import dev.pullback.InvalidInputException;
import dev.pullback.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Users: add, change, remove, list. The CLI and the admin page call these; the rails (valid names,
 * a usable password, never zero admins once there was one) live here so no front end can skip them.
 */
public class UserService {
    static final int MIN_PASSWORD = 8;
    /** bcrypt reads at most 72 bytes; a longer password would be silently truncated, so refuse it. */
    static final int MAX_PASSWORD_BYTES = 72;
    private static final Logger log = LoggerFactory.getLogger(UserService.class);

    private final UserRepository repo;
    private final PasswordEncoder encoder;
    private final Clock clock;

    public UserService(UserRepository repo, PasswordEncoder encoder, Clock clock) {
        this.repo = repo;
        this.encoder = encoder;
        this.clock = clock;
    }

    public List<User> list() {
        return repo.list();
    }

    public long count() {
        return repo.count();
    }

    public Optional<User> find(String name) {
        return repo.find(name);
    }

    /** A valid name no user has yet: the CLI checks before it asks for a password. */
    public void checkNewName(String name) {
        Names.check("name", name);
        if (repo.find(name).isPresent()) {
            throw new ConflictException("name", "user '" + name + "' exists already (pullback user passwd " + name + " changes the password)");
        }
    }

    public User add(String name, Role role, boolean canDownload, String password) {
        checkNewName(name);
        checkPassword(password);
        Instant now = clock.instant();
        User u = new User(name, role, canDownload, now, now);
        repo.insert(u, encoder.encode(password));
        log.info("user {} added with role {}{}", name, role.id(), canDownload ? " and the download grant" : "");
        return u;
    }

    public void changePassword(String name, String password) {
        get(name);
        checkPassword(password);
        repo.updatePassword(name, encoder.encode(password), clock.instant());
        log.info("password of user {} changed", name);
    }

    public User changeRole(String name, Role role, boolean canDownload) {
        User u = get(name);
        if (u.role() == Role.ADMIN && role != Role.ADMIN && repo.countAdmins() <= 1) {
            throw new ConflictException("role", "'" + name + "' is the last admin: add another admin first");
        }
        repo.updateRole(name, role, canDownload, clock.instant());
        log.info("user {} now has role {}{}", name, role.id(), canDownload ? " and the download grant" : "");
        return repo.find(name).orElseThrow();
    }

    public void remove(String name) {
        User u = get(name);
        if (u.role() == Role.ADMIN && repo.countAdmins() <= 1) {
            throw new ConflictException("name", "'" + name + "' is the last admin: add another admin first, "
                    + "or nobody could manage pullback from the web any more");
        }
        repo.delete(name);
        log.info("user {} removed", name);
    }

    /** The user, or a not-found error naming the command that lists them. */
    public User get(String name) {
        Names.check("name", name);
        return repo.find(name).orElseThrow(() -> new NotFoundException("name", "no user '" + name + "' (pullback user list shows them)"));
    }

    /** The password rules alone, so a front end can refuse before it changes anything else. */
    public static void checkNewPassword(String password) {
        checkPassword(password);
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new InvalidInputException("password", "must have at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidInputException("password", "must have at most " + MAX_PASSWORD_BYTES + " bytes (bcrypt ignores the rest)");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("password", "must not contain control characters");
        }
    }
}
