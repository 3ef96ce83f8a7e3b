package dev.pullback.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.pullback.testing.SourceTree.FileFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

class SourceTreeTest {

    @TempDir
    Path tmp;

    @Test
    void buildsDeclaredEntries() throws Exception {
        Instant old = Instant.parse("2020-01-02T03:04:05.678Z");
        Path root = SourceTree.in(tmp.resolve("src"))
                .file("docs/a.txt", "hello")
                .file("bin/blob", new byte[] {0, 1, 2})
                .randomFile("big/data.bin", 200_001, 42)
                .dir("empty")
                .symlink("link", "docs/a.txt")
                .hardlink("docs/a-hard.txt", "docs/a.txt")
                .mode("docs/a.txt", "r--------")
                .mtime("docs/a.txt", old)
                .build();

        Map<String, FileFacts> s = SourceTree.snapshot(root);

        assertThat(s).containsOnlyKeys("bin", "bin/blob", "big", "big/data.bin", "docs", "docs/a.txt",
                "docs/a-hard.txt", "empty", "link");
        FileFacts a = s.get("docs/a.txt");
        assertThat(a.type()).isEqualTo("file");
        assertThat(a.sha256()).isEqualTo(sha256("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(a.size()).isEqualTo(5);
        assertThat(a.mode()).isEqualTo(0400);
        assertThat(a.mtimeMillis()).isEqualTo(old.toEpochMilli());
        assertThat(a.nlink()).isEqualTo(2);
        assertThat(s.get("docs/a-hard.txt").inode()).isEqualTo(a.inode()).isEqualTo(SourceTree.inode(root.resolve("docs/a.txt")));
        assertThat(s.get("bin/blob").sha256()).isEqualTo(sha256(new byte[] {0, 1, 2}));
        assertThat(s.get("big/data.bin").size()).isEqualTo(200_001);
        assertThat(s.get("empty").type()).isEqualTo("dir");
        assertThat(s.get("empty").sha256()).isNull();
    }

    @Test
    void randomFileIsDeterministicPerSeed() {
        Map<String, FileFacts> s = SourceTree.snapshot(SourceTree.in(tmp)
                .randomFile("a", 5_000_000, 7)
                .randomFile("b", 5_000_000, 7)
                .randomFile("c", 5_000_000, 8)
                .build());

        assertThat(s.get("a").size()).isEqualTo(5_000_000);
        assertThat(s.get("a").sha256()).isEqualTo(s.get("b").sha256()).isNotEqualTo(s.get("c").sha256());
    }

    @Test
    void symlinksAreReportedNotFollowed() throws Exception {
        Path root = SourceTree.in(tmp)
                .file("real/inner.txt", "x")
                .symlink("to-file", "real/inner.txt")
                .symlink("to-dir", "real")
                .symlink("dangling", "../nowhere/")
                .symlink("abs", "/nonexistent/abs")
                .build();

        Map<String, FileFacts> s = SourceTree.snapshot(root);

        assertThat(s).containsOnlyKeys("real", "real/inner.txt", "to-file", "to-dir", "dangling", "abs");
        assertThat(s.get("to-file")).extracting(FileFacts::type, FileFacts::linkTarget, FileFacts::sha256)
                .containsExactly("symlink", "real/inner.txt", null);
        assertThat(s.get("to-dir").linkTarget()).isEqualTo("real");
        assertThat(s.get("dangling").linkTarget()).isEqualTo("../nowhere");
        assertThat(s.get("abs").linkTarget()).isEqualTo("/nonexistent/abs");
        assertThat(s.get("to-dir").size()).isEqualTo("real".length());
    }

    @Test
    void rawNamesRoundTripThroughSnapshot() throws Exception {
        byte[] newline = "new\nline".getBytes(ISO_8859_1);
        byte[] ff = {'b', 'a', 'd', (byte) 0xff, '.', 'b', 'i', 'n'};
        byte[] nested = {'d', (byte) 0xfe, '/', 'x', (byte) 0x80};
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9}; // "café" in Latin-1: invalid UTF-8
        Path root = SourceTree.in(tmp)
                .fileRaw(newline, "n".getBytes(ISO_8859_1))
                .fileRaw(ff, new byte[] {(byte) 0xff})
                .fileRaw(nested, "nested".getBytes(ISO_8859_1))
                .fileRaw(latin1, new byte[0])
                .file("-rf", "dash")
                .file("-", "")
                .fileRaw("utf8-\u00e9".getBytes(StandardCharsets.UTF_8), "e".getBytes(ISO_8859_1))
                .build();

        // ground truth from outside the JVM: the kernel's bytes
        Set<String> onDisk = new TreeSet<>(split0(exec(root, "find", ".", "-mindepth", "1", "-printf", "%P\\0")));
        assertThat(onDisk).containsExactlyInAnyOrder(SourceTree.key(newline), SourceTree.key(ff),
                "d\u00fe", SourceTree.key(nested), SourceTree.key(latin1), "-rf", "-", SourceTree.key("utf8-\u00e9"));

        Map<String, FileFacts> s = SourceTree.snapshot(root);
        assertThat(s.keySet()).isEqualTo(onDisk);
        assertThat(s.get(SourceTree.key(ff)).sha256()).isEqualTo(sha256(new byte[] {(byte) 0xff}));
        assertThat(s.get(SourceTree.key(newline)).sha256()).isEqualTo(sha256("n".getBytes(ISO_8859_1)));
        assertThat(s.get(SourceTree.key(nested)).sha256()).isEqualTo(sha256("nested".getBytes(ISO_8859_1)));
        assertThat(s.get("-rf").sha256()).isEqualTo(sha256("dash".getBytes(ISO_8859_1)));
        assertThat(s.get(SourceTree.key("utf8-\u00e9"))).isNotNull();
        assertThat(new String(exec(root, "ls", "-b"), ISO_8859_1)).contains("bad\\377.bin", "new\\nline", "caf\\351");
    }

    @Test
    void snapshotAgreesWithFind() throws Exception {
        Path root = SourceTree.in(tmp)
                .file("a/b.txt", "b")
                .fileRaw(new byte[] {'a', '/', (byte) 0xff, '\n'}, "ff".getBytes(ISO_8859_1))
                .symlink("a/l", "b.txt")
                .hardlink("h", "a/b.txt")
                .dir("e/f")
                .mode("a/b.txt", "rwxr-x--x")
                .build();

        List<String> f = split0(exec(root, "find", ".", "-mindepth", "1", "-printf", "%y\\0%i\\0%s\\0%m\\0%n\\0%l\\0%P\\0"));
        Map<String, FileFacts> s = SourceTree.snapshot(root);
        Map<String, String> types = Map.of("f", "file", "d", "dir", "l", "symlink");
        Map<String, FileFacts> fromFind = new HashMap<>();
        for (int i = 0; i < f.size(); i += 7) {
            FileFacts x = s.get(f.get(i + 6));
            String link = f.get(i + 5).isEmpty() ? null : f.get(i + 5);
            fromFind.put(f.get(i + 6), new FileFacts(types.get(f.get(i)), Long.parseLong(f.get(i + 1)),
                    Long.parseLong(f.get(i + 2)), x == null ? null : x.sha256(), link,
                    Integer.parseInt(f.get(i + 3), 8), x == null ? 0 : x.mtimeMillis(), Integer.parseInt(f.get(i + 4))));
        }
        assertThat(s).isEqualTo(fromFind);
        assertThat(s.get("a/b.txt").mode()).isEqualTo(0751);
    }

    @Test
    void modifyChangesContentAndBumpsMtime() throws Exception {
        Path root = SourceTree.in(tmp).file("f", "one").mtime("f", Instant.ofEpochSecond(1_000_000_000)).build();

        SourceTree.modify(root.resolve("f"), "two");

        assertThat(Files.readString(root.resolve("f"))).isEqualTo("two");
        assertThat(SourceTree.snapshot(root).get("f").mtimeMillis()).isEqualTo(1_000_000_002_000L);
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static List<String> split0(byte[] out) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                parts.add(new String(out, start, i - start, ISO_8859_1));
                start = i + 1;
            }
        }
        return parts;
    }

    static byte[] exec(Path cwd, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor()).as("%s: %s", String.join(" ", cmd), out).isZero();
        return out.toByteArray();
    }
}
