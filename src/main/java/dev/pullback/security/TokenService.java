package dev.pullback.security;

import dev.pullback.ConflictException;
import dev.pullback.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens: 32 random bytes, base64url, with a {@code pb_} prefix so a leaked one is recognisable
 * (secret scanners, logs). Only the SHA-256 is stored: a token has full entropy, so a fast hash is
 * enough and lets every request find its row by one indexed lookup.
 */
public class TokenService {
    public static final String PREFIX = "pb_";
    /** last_used_at is a hint, not an audit log: one write per token per minute at most. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(TokenService.class);

    private final TokenRepository repo;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenService(TokenRepository repo, Clock clock) {
        this.repo = repo;
        this.clock = clock;
    }

    public List<ApiToken> list() {
        return repo.list();
    }

    public NewToken create(String name, Role role, boolean canDownload) {
        Names.check("name", name);
        if (repo.exists(name)) {
            throw new ConflictException("name", "a token named '" + name + "' exists already (revoke it first)");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken t = new ApiToken(name, role, canDownload, clock.instant(), null);
        repo.insert(t, hash(secret));
        log.info("API token {} created with role {}", name, role.id());
        return new NewToken(t, secret);
    }

    public void revoke(String name) {
        Names.check("name", name);
        if (!repo.delete(name)) {
            throw new NotFoundException("name", "no token '" + name + "' (pullback token list shows them)");
        }
        log.info("API token {} revoked", name);
    }

    /** The token this secret belongs to, if any. */
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Optional<ApiToken> t = repo.findByHash(hash(secret));
        t.ifPresent(token -> {
            Instant now = clock.instant();
            if (token.lastUsedAt() == null || token.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
                repo.touch(token.name(), now);
            }
        });
        return t;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
