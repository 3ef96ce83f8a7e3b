package dev.pullback.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The default exclusion list, kept as a resource so it reads as a list, not as code. */
public final class DefaultExcludes {
    private static final List<String> PATTERNS = load();

    private DefaultExcludes() {
    }

    public static List<String> patterns() {
        return PATTERNS;
    }

    private static List<String> load() {
        try (InputStream in = DefaultExcludes.class.getResourceAsStream("default-excludes.txt")) {
            if (in == null) {
                throw new IllegalStateException("default-excludes.txt missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
