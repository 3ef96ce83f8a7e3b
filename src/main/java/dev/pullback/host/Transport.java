package dev.pullback.host;

import dev.pullback.InvalidInputException;
import java.util.Locale;

/** How rsync reaches a host's files: over ssh, or as a path on this machine. */
public enum Transport {
    SSH, LOCAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Transport parse(String text) {
        for (Transport t : values()) {
            if (t.id().equals(text)) {
                return t;
            }
        }
        throw new InvalidInputException("transport", "must be ssh or local, got '" + text + "'");
    }
}
