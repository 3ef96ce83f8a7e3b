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

    private Sql() {
    }

    public static String instant(Instant i) {
        return i == null ? null : INSTANT.format(i);
    }

    public static Instant instant(String s) {
        return s == null ? null : Instant.from(INSTANT.parse(s));
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
        return json == null || json.isEmpty() ? List.of() : JSON.readValue(json, STRINGS);
    }
}
