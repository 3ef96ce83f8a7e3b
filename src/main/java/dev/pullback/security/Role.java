package dev.pullback.security;

import dev.pullback.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a user or token may do: an admin everything, a viewer read only (downloads only with the grant). */
public enum Role {
    ADMIN, VIEWER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.id().equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new InvalidInputException("role", "must be one of " + Arrays.stream(values()).map(Role::id)
                .collect(Collectors.joining(", ")) + ", not '" + text + "'");
    }
}
