package dev.pullback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/resilience.md} is generated from the {@link Resilience} annotations on the tests,
 * so it cannot drift: this test fails when the file differs from what the annotations say, and
 * rewrites it when run with {@code -Dresilience.write=true}. Every item of the issue is listed;
 * one without a test must say why ({@link ResilienceItem#gap()}).
 */
class ResilienceDocTest {
    static final Path DOC = Path.of("docs/resilience.md");
    static final Path CLASSES = Path.of("target/test-classes");

    record Row(ResilienceItem item, String what, String behaviour, String test) {
    }

    @Test
    void theTableMatchesTheAnnotatedTests() throws IOException {
        List<Row> rows = rows();
        String expected = render(rows);
        if (Boolean.getBoolean("resilience.write")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, expected);
        }
        String actual = Files.exists(DOC) ? Files.readString(DOC) : "";
        assertThat(actual)
                .as("docs/resilience.md is out of date; regenerate it with: mvn test -Dtest=ResilienceDocTest -Dresilience.write=true")
                .isEqualTo(expected);
    }

    @Test
    void everyItemHasATestOrSaysWhyNot() throws IOException {
        List<Row> rows = rows();
        List<String> problems = new ArrayList<>();
        for (ResilienceItem item : ResilienceItem.values()) {
            boolean covered = rows.stream().anyMatch(r -> r.item() == item);
            if (!covered && item.gap() == null) {
                problems.add(item + " (" + item.text() + ") has no test");
            }
            if (covered && item.gap() != null) {
                problems.add(item + " has a test now: remove its gap note");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Every annotated test method in the compiled test classes, in the order. */
    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        ClassLoader loader = ResilienceDocTest.class.getClassLoader();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String rel = CLASSES.relativize(f).toString();
                String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    for (Resilience r : m.getAnnotationsByType(Resilience.class)) {
                        rows.add(new Row(r.item(), r.what(), r.behaviour(), testName(type, m)));
                    }
                }
            }
        }
        rows.sort(Comparator.comparing(Row::item).thenComparing(Row::what).thenComparing(Row::test));
        return rows;
    }

    private static String testName(Class<?> type, Method m) {
        String pkg = type.getPackageName().substring("dev.pullback".length()).replace('.', '/');
        return (pkg.isEmpty() ? "" : pkg.substring(1) + "/") + type.getSimpleName() + "." + m.getName();
    }

    static String render(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("# Resilience: faults and bad input\n\n")
                .append("Generated from the `@Resilience` annotations on the tests by `ResilienceDocTest`, which fails\n")
                .append("when this file is out of date. Regenerate it with\n")
                .append("`mvn test -Dtest=ResilienceDocTest -Dresilience.write=true`. Test names are under\n")
                .append("`src/test/java/dev/pullback/`. Every test runs against the real rsync (and a real sshd where\n")
                .append("the row says ssh), real file systems and a real database.\n\n")
                .append("For every fault: no marker on an incomplete snapshot, `latest` untouched, older snapshots\n")
                .append("unmodified (inodes and bytes), the job row says what happened, the next run succeeds.\n");
        for (ResilienceItem.Kind kind : ResilienceItem.Kind.values()) {
            b.append(kind == ResilienceItem.Kind.FAULT ? "\n## Faults\n\n" : "\n## Bad input\n\n");
            b.append("| fault or input | behaviour | test |\n|---|---|---|\n");
            for (ResilienceItem item : ResilienceItem.values()) {
                if (item.kind() != kind) {
                    continue;
                }
                List<Row> mine = rows.stream().filter(r -> r.item() == item).toList();
                if (mine.isEmpty()) {
                    b.append("| ").append(cell(item.text())).append(" | — not covered: ")
                            .append(cell(item.gap() == null ? "no test yet" : item.gap())).append(" | — |\n");
                }
                for (Row r : mine) {
                    String what = r.what().isEmpty() ? item.text() : item.text() + ": " + r.what();
                    b.append("| ").append(cell(what)).append(" | ").append(cell(r.behaviour())).append(" | `")
                            .append(r.test()).append("` |\n");
                }
            }
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
