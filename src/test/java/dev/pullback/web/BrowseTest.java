package dev.pullback.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import dev.pullback.testing.SourceTree;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The file browser over a real snapshot with a symlink out of the tree, a FIFO and an awkward name. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowseTest {
    @TempDir
    static Path tmp;
    WebFixture f;
    String snap;
    Path src;

    @BeforeAll
    void start() throws Exception {
        f = new WebFixture(tmp);
        src = SourceTree.in(tmp.resolve("src")).file("a.txt", "alpha").file("sub/b.txt", "beta")
                .randomFile("big.bin", 300_000, 7).file("new\nline.txt", "nl").symlink("escape", "/etc/passwd")
                .symlink("subdir-link", "sub").build();
        Process p = new ProcessBuilder("mkfifo", src.resolve("pipe").toString()).start();
        assertThat(p.waitFor()).isZero();
        f.addLocal("alpha", src, 0);
        snap = f.backup("alpha");
    }

    @AfterAll
    void stop() {
        f.close();
    }

    HttpResponse<byte[]> raw(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(f.base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    String text(String path) throws Exception {
        return new String(raw(path).body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void listsTheSnapshotWithLinksAndSpecialFiles() throws Exception {
        HttpResponse<byte[]> r = raw("/browse/alpha/" + snap + "/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body())).contains(".snapshot_complete", "data-type=\"dir\"");
        String body = text("/browse/alpha/" + snap + src + "/");
        assertThat(body).contains("data-type=\"dir\"", "data-type=\"symlink\"", "data-type=\"fifo\"", "a.txt", "big.bin", "/etc/passwd", "no content", "new\\x0aline.txt", ">prw");
        assertThat(text("/browse/alpha/" + snap + src + "/sub/")).contains("b.txt");
    }

    @Test
    void aDirectoryWithoutTheSlashRedirects() throws Exception {
        assertThat(raw("/browse/alpha/" + snap).statusCode()).isEqualTo(302);
    }

    @Test
    void downloadsAFileAsAnAttachmentWithTheSameBytes() throws Exception {
        HttpResponse<byte[]> r = raw("/download/alpha/" + snap + src + "/big.bin");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(Files.readAllBytes(src.resolve("big.bin")));
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment").contains("big.bin");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void downloadsADirectoryAsAZipWithoutLinksOrFifos() throws Exception {
        HttpResponse<byte[]> r = raw("/download/alpha/" + snap + src);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment").contains(".zip");
        List<String> names = new ArrayList<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                names.add(e.getName());
                if (e.getName().equals("a.txt")) {
                    assertThat(new String(z.readAllBytes())).isEqualTo("alpha");
                }
            }
        }
        assertThat(names).contains("a.txt", "sub/", "sub/b.txt", "big.bin").doesNotContain("escape", "pipe", "subdir-link");
    }

    @Resilience(item = ResilienceItem.TRAVERSAL, what = "a path through a symlink", behaviour = "the link is listed with its target, never followed; a path through it is 400")
    @Test
    void aSymlinkIsShownWithItsTargetAndNeverFollowed() throws Exception {
        HttpResponse<byte[]> r = raw("/browse/alpha/" + snap + src + "/escape");
        assertThat(r.statusCode()).isEqualTo(200);
        String body = new String(r.body());
        assertThat(body).contains("link-target", "/etc/passwd").doesNotContain("root:x:0");
        HttpResponse<byte[]> through = raw("/browse/alpha/" + snap + src + "/subdir-link/b.txt");
        assertThat(through.statusCode()).isEqualTo(400);
        assertThat(new String(through.body())).contains("never follows links");
    }

    @Resilience(item = ResilienceItem.TRAVERSAL, what = "download: encoded .., a symlink, a FIFO", behaviour = "400 or 404; a symlink or FIFO is never read")
    @Test
    void aFileUnderBrowseRedirectsToItsDownloadAndAFifoDownloadIsRefused() throws Exception {
        HttpResponse<byte[]> r = raw("/browse/alpha/" + snap + src + "/a.txt");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/download/alpha/" + snap + src + "/a.txt");
        assertThat(raw("/download/alpha/" + snap + src + "/pipe").statusCode()).isEqualTo(400);
        assertThat(raw("/download/alpha/" + snap + src + "/escape").statusCode()).isEqualTo(400);
        assertThat(raw("/download/alpha/" + snap + "/%2e%2e/%2e%2e/etc/passwd").statusCode()).isIn(400, 404);
    }

    @Test
    void aFifoIsListedWithoutContent() throws Exception {
        HttpResponse<byte[]> r = raw("/browse/alpha/" + snap + src + "/pipe");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body())).contains("listed without content");
    }

    @Resilience(item = ResilienceItem.TRAVERSAL, what = "browse: .., %2e%2e, %2f, %00, //", behaviour = "400 or 404; nothing outside the snapshot is served")
    @ParameterizedTest
    @ValueSource(strings = {"/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd", "/sub/%2e%2e/%2e%2e/x",
            "/%2Fetc%2Fpasswd", "/sub/%00", "/./a.txt", "/sub/../../../../etc/passwd", "//etc/passwd"})
    void traversalIsRefused(String path) throws Exception {
        HttpResponse<byte[]> r = raw("/browse/alpha/" + snap + path);
        assertThat(r.statusCode()).as(path).isIn(400, 404);
        assertThat(new String(r.body())).doesNotContain("root:x:0");
    }

    @Test
    void unknownSnapshotsAndHostsAreNotFound() throws Exception {
        assertThat(raw("/browse/alpha/2020-01-01_0000/").statusCode()).isEqualTo(404);
        assertThat(raw("/browse/alpha/..%2f..%2f/").statusCode()).isIn(400, 404);
        assertThat(raw("/browse/nobody/" + snap + "/").statusCode()).isEqualTo(404);
    }

    @Test
    void theSwitcherKeepsThePath() throws Exception {
        HttpResponse<byte[]> r = raw("/browse-switch?host=alpha&snapshot=" + snap + "&path=/sub");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/browse/alpha/" + snap + "/sub/");
    }
}
