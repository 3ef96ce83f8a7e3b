package dev.pullback.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Column encodings shared by every repository: instants as fixed-width UTC text (sorts as text,
 * reads the same on SQLite, PostgreSQL and MariaDB), string lists as JSON arrays.
 */
public final class Sql {
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final tools.jackson.databind.ObjectReader STRINGS_READER = JSON.readerFor(STRINGS);

    private Sql() {
    }

    public static String instant(Instant i) {
        return i == null ? null : INSTANT.format(i);
    }

    public static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        Instant fast = fixedWidth(s);
        return fast != null ? fast : Instant.from(INSTANT.parse(s));
    }

    /**
     * Reads the stored form {@code yyyy-MM-ddTHH:mm:ss.SSSZ} digit by digit: pages read thousands
     * of these, and {@link DateTimeFormatter#parse} costs several microseconds each. Null when
     * the text has another shape (the formatter then reads it, or says why it cannot).
     */
    private static Instant fixedWidth(String s) {
        if (s.length() != 24 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != '.' || s.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int milli = digits(s, 20, 3);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || milli < 0) {
            return null;
        }
        try {
            long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, milli * 1_000_000L);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A nullable INTEGER column (SQLite's driver cannot read NULL through getObject(col, Integer.class)). */
    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    public static String list(List<String> values) {
        return JSON.writeValueAsString(values);
    }

    /** Any value (a map of records) as snake_case JSON text, for columns the database never queries into. */
    public static String json(Object value) {
        return value == null ? null : JSON.writeValueAsString(value);
    }

    public static Object json(String text) {
        return text == null || text.isEmpty() ? null : JSON.readValue(text, Object.class);
    }

    public static List<String> list(String json) {
        return json == null || json.isEmpty() || json.equals("[]") ? List.of() : STRINGS_READER.readValue(json);
    }
}
