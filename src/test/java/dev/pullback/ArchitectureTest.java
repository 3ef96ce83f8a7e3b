package dev.pullback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine is a library: its packages import no Spring type (DESIGN.md §5). */
class ArchitectureTest {
    @ParameterizedTest
    @ValueSource(strings = {"snapshot", "transport", "archive", "retention", "discovery"})
    void enginePackagesImportNoSpring(String pkg) throws IOException {
        Path dir = Path.of("src/main/java/dev/pullback", pkg);
        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> read(p).contains("import org.springframework"))
                    .map(Path::toString).toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
