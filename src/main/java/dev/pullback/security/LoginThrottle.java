package dev.pullback.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} failed logins for one name from one address
 * within {@link #WINDOW}, that pair is refused without checking the password until the window has
 * passed. Keyed by name and address, so a stranger cannot lock the admin out from elsewhere.
 * In memory: a restart forgets, which costs an attacker a restart they cannot cause.
 */
final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    boolean blocked(String name, String address) {
        Deque<Instant> f = failures.get(key(name, address));
        if (f == null) {
            return false;
        }
        synchronized (f) {
            prune(f);
            return f.size() >= MAX_FAILURES;
        }
    }

    void failed(String name, String address) {
        if (failures.size() > MAX_KEYS) {
            failures.values().removeIf(f -> {
                synchronized (f) {
                    prune(f);
                    return f.isEmpty();
                }
            });
        }
        Deque<Instant> f = failures.computeIfAbsent(key(name, address), k -> new ArrayDeque<>());
        synchronized (f) {
            f.addLast(clock.instant());
        }
    }

    void succeeded(String name, String address) {
        failures.remove(key(name, address));
    }

    private void prune(Deque<Instant> f) {
        Instant since = clock.instant().minus(WINDOW);
        while (!f.isEmpty() && !f.peekFirst().isAfter(since)) {
            f.removeFirst();
        }
    }

    private static String key(String name, String address) {
        return (name == null ? "" : name.toLowerCase(Locale.ROOT)) + "\n" + address;
    }
}
