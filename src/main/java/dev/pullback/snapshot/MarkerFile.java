package dev.pullback.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes markers as JSON with snake_case names (the files are read by people and scripts). */
public final class MarkerFile {
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private MarkerFile() {
    }

    public static void write(Path file, Marker marker) throws IOException {
        Durable.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(marker));
    }

    /**
     * The marker of a snapshot directory. Markers of other tools (Backup Manager writes an empty
     * file) still mark the snapshot complete; their times come from the marker's mtime.
     */
    public static Marker read(Path file, String host, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            Marker m = JSON.readValue(bytes, Marker.class);
            if (m.finished() != null) {
                return m;
            }
        } catch (RuntimeException e) {
            // not our JSON: fall through to the file's own time
        }
        Instant mtime = Files.getLastModifiedTime(file).toInstant();
        return new Marker(0, host, name, Marker.COMPLETE, mtime, mtime, null, 0, 0, 0, 0, 0, 0, 0, 0,
                List.of(), List.of());
    }

    public static String toJson(Marker marker) {
        return JSON.writeValueAsString(marker);
    }
}
