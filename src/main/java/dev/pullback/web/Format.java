package dev.pullback.web;

import dev.pullback.Printable;
import dev.pullback.settings.SettingsService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What templates use to show values: times in the configured zone, ages ("3 h ago"), sizes, and
 * names with control characters escaped. Exposed to Thymeleaf as {@code @fmt}.
 */
@Component("fmt")
public class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final String ZONE = Format.class.getName() + ".zone";
    private final SettingsService settings;
    private final Clock clock;

    Format(SettingsService settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The configured zone, read once per request: a page formats hundreds of times, and each
     * read of the settings is a query.
     */
    public ZoneId zone() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return settings.current().zone();
        }
        ZoneId zone = (ZoneId) request.getAttribute(ZONE, RequestAttributes.SCOPE_REQUEST);
        if (zone == null) {
            zone = settings.current().zone();
            request.setAttribute(ZONE, zone, RequestAttributes.SCOPE_REQUEST);
        }
        return zone;
    }

    public Instant now() {
        return clock.instant();
    }

    public String time(Instant t) {
        return time(t, zone());
    }

    static String time(Instant t, ZoneId zone) {
        return t == null ? "—" : TIME.format(t.atZone(zone));
    }

    public String seconds(Instant t) {
        return t == null ? "—" : SECONDS.format(t.atZone(zone()));
    }

    public String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    /** "3 h ago", "in 20 min", "just now". */
    public String ago(Instant t) {
        return t == null ? "never" : age(Duration.between(t, clock.instant()));
    }

    static String age(Duration d) {
        boolean future = d.isNegative();
        long s = Math.abs(d.toSeconds());
        String text;
        if (s < 60) {
            return "just now";
        } else if (s < 3600) {
            text = s / 60 + " min";
        } else if (s < 2 * 86400) {
            text = s / 3600 + " h";
        } else {
            text = s / 86400 + " d";
        }
        return future ? "in " + text : text + " ago";
    }

    public String duration(Instant from, Instant to) {
        if (from == null || to == null) {
            return "—";
        }
        return duration(Duration.between(from, to));
    }

    public static String duration(Duration d) {
        if (d == null) {
            return "—";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    public static String bytes(Number n) {
        if (n == null) {
            return "—";
        }
        double v = n.doubleValue();
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        if (u == 0) {
            return (long) v + " B";
        }
        // one decimal, rounded half up like "%.1f" (String.format is slow for a page of 100 cards)
        long tenths = Math.round(Math.abs(v) * 10);
        return (v < 0 ? "-" : "") + tenths / 10 + "." + tenths % 10 + " " + units[u];
    }

    /** With thousands separators: {@code 1,234,567}. */
    public static String count(Number n) {
        if (n == null) {
            return "—";
        }
        long v = n.longValue();
        if (v == Long.MIN_VALUE) {
            return String.format(Locale.ROOT, "%,d", v);
        }
        String digits = Long.toString(Math.abs(v));
        StringBuilder b = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (v < 0) {
            b.append('-');
        }
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                b.append(',');
            }
            b.append(digits.charAt(i));
        }
        return b.toString();
    }

    public static String name(String s) {
        return Printable.escape(s);
    }
}
