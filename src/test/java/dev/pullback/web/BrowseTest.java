package dev.pullback.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.Http;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import dev.pullback.testing.SourceTree;
import java.io.ByteArrayInputStream;
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
    /** "bad\xff\xfe.txt": not valid UTF-8, a legal Linux file name. */
    static final byte[] BAD_NAME = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, '.', 't', 'x', 't'};
    WebFixture f;
    String snap;
    Path src;

    @BeforeAll
    void start() throws Exception {
        f = new WebFixture(tmp);
        src = SourceTree.in(tmp.resolve("src")).file("a.txt", "alpha").file("sub/b.txt", "beta")
                .randomFile("big.bin", 300_000, 7).file("new\nline.txt", "nl").symlink("escape", "/etc/passwd")
                .symlink("subdir-link", "sub").fileRaw(BAD_NAME, "not utf-8".getBytes())
                .file("50%;off.txt", "sale").build();
        Process p = new ProcessBuilder("mkfifo", src.resolve("pipe").toString()).start();
        assertThat(p.waitFor()).isZero();
        f.addLocal("alpha", src, 0);
        snap = f.backup("alpha");
    }

    @AfterAll
    void stop() {
        f.close();
    }

    Http.Download raw(String path) {
        return f.http.download(path);
    }

    String text(String path) throws Exception {
        return new String(raw(path).body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void listsTheSnapshotWithLinksAndSpecialFiles() throws Exception {
        Http.Download r = raw("/browse/alpha/" + snap + "/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body())).contains(".snapshot_complete", "data-type=\"dir\"");
        String body = text("/browse/alpha/" + snap + src + "/");
        assertThat(body).contains("data-type=\"dir\"", "data-type=\"symlink\"", "data-type=\"fifo\"", "a.txt", "big.bin", "/etc/passwd", "no content", "new\\x0aline.txt", ">prw");
        assertThat(text("/browse/alpha/" + snap + src + "/sub/")).contains("b.txt");
    }

    @Test
    void aDirectoryWithoutTheSlashRedirects() throws Exception {
        assertThat(raw("/browse/alpha/" + snap).status()).isEqualTo(302);
    }

    @Test
    void downloadsAFileAsAnAttachmentWithTheSameBytes() throws Exception {
        Http.Download r = raw("/download/alpha/" + snap + src + "/big.bin");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(Files.readAllBytes(src.resolve("big.bin")));
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment").contains("big.bin");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().allValues("Content-Security-Policy")).as("the download's own policy, not the pages'")
                .containsExactly("sandbox");
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(f.http.viewer().bytes("/download/alpha/" + snap + src + "/big.bin").statusCode())
                .as("a viewer without the download grant").isEqualTo(403);
        assertThat(f.http.as(dev.pullback.security.Role.VIEWER, true).bytes("/download/alpha/" + snap + src + "/big.bin").body())
                .as("with the grant").isEqualTo(Files.readAllBytes(src.resolve("big.bin")));
    }

    @Test
    void downloadsADirectoryAsAZipWithoutLinksOrFifos() throws Exception {
        Http.Download r = raw("/download/alpha/" + snap + src);
        assertThat(r.status()).isEqualTo(200);
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
        Http.Download r = raw("/browse/alpha/" + snap + src + "/escape");
        assertThat(r.status()).isEqualTo(200);
        String body = new String(r.body());
        assertThat(body).contains("link-target", "/etc/passwd").doesNotContain("root:x:0");
        Http.Download through = raw("/browse/alpha/" + snap + src + "/subdir-link/b.txt");
        assertThat(through.status()).isEqualTo(400);
        assertThat(new String(through.body())).contains("never follows links");
    }

    @Resilience(item = ResilienceItem.TRAVERSAL, what = "download: encoded .., a symlink, a FIFO", behaviour = "400 or 404; a symlink or FIFO is never read")
    @Test
    void aFileUnderBrowseRedirectsToItsDownloadAndAFifoDownloadIsRefused() throws Exception {
        Http.Download r = raw("/browse/alpha/" + snap + src + "/a.txt");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/download/alpha/" + snap + src + "/a.txt");
        assertThat(raw("/download/alpha/" + snap + src + "/pipe").status()).isEqualTo(400);
        assertThat(raw("/download/alpha/" + snap + src + "/escape").status()).isEqualTo(400);
        assertThat(raw("/download/alpha/" + snap + "/%2e%2e/%2e%2e/etc/passwd").status()).isIn(400, 404);
    }

    @Test
    void aFifoIsListedWithoutContent() throws Exception {
        Http.Download r = raw("/browse/alpha/" + snap + src + "/pipe");
        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body())).contains("listed without content");
    }

    @Resilience(item = ResilienceItem.TRAVERSAL, what = "browse: .., %2e%2e, %2f, %00, //", behaviour = "400 or 404; nothing outside the snapshot is served")
    @ParameterizedTest
    @ValueSource(strings = {"/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd", "/sub/%2e%2e/%2e%2e/x",
            "/%2Fetc%2Fpasswd", "/sub/%00", "/./a.txt", "/sub/../../../../etc/passwd", "//etc/passwd"})
    void traversalIsRefused(String path) throws Exception {
        Http.Download r = raw("/browse/alpha/" + snap + path);
        assertThat(r.status()).as(path).isIn(400, 404);
        assertThat(new String(r.body())).doesNotContain("root:x:0");
    }

    @Test
    void unknownSnapshotsAndHostsAreNotFound() throws Exception {
        assertThat(raw("/browse/alpha/2020-01-01_0000/").status()).isEqualTo(404);
        assertThat(raw("/browse/alpha/..%2f..%2f/").status()).isIn(400, 404);
        assertThat(raw("/browse/nobody/" + snap + "/").status()).isEqualTo(404);
    }

    @Test
    void theSwitcherKeepsThePath() throws Exception {
        Http.Download r = raw("/browse-switch?host=alpha&snapshot=" + snap + "&path=/sub");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/browse/alpha/" + snap + "/sub/");
    }

    @Test
    void aNameThatIsNotUtf8IsListedEscapedAndOpens() throws Exception {
        String listing = text("/browse/alpha/" + snap + src + "/");
        // Tomcat refuses bytes that are not UTF-8 percent-encoded in a URL: such a name travels in hex
        String href = "/download/alpha/" + snap + src + "/~x~626164fffe2e747874";
        assertThat(listing).contains("href=\"" + href + "\"", "bad\\xff\\xfe.txt");
        Http.Download r = raw(href);
        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body())).isEqualTo("not utf-8");
        assertThat(r.header("Content-Disposition")).startsWith("attachment");
        // '%' and ';' travel in hex as well (firewalls refuse %25 and %3B)
        assertThat(listing).contains("href=\"/download/alpha/" + snap + src + "/~x~3530253b6f66662e747874\"");
        assertThat(new String(raw("/download/alpha/" + snap + src + "/~x~3530253b6f66662e747874").body())).isEqualTo("sale");
        // the replacement character names another (absent) file, not this one
        assertThat(raw("/download/alpha/" + snap + src + "/bad%EF%BF%BD%EF%BF%BD.txt").status()).isEqualTo(404);
    }

    @Test
    void downloadsADirectoryAsTarZstWithTheSameBytesAndLinksKept() throws Exception {
        assertThat(text("/browse/alpha/" + snap + src + "/")).contains("?format=tar.zst");
        Http.Download r = raw("/download/alpha/" + snap + src + "?format=tar.zst");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Disposition")).startsWith("attachment").contains("alpha_" + snap + "_src.tar.zst");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        Path archive = tmp.resolve("dl.tar.zst");
        Files.write(archive, r.body());
        Path out = Files.createDirectories(tmp.resolve("extracted"));
        Process x = new ProcessBuilder("tar", "--zstd", "-xf", archive.toString(), "-C", out.toString())
                .redirectErrorStream(true).start();
        String log = new String(x.getInputStream().readAllBytes());
        assertThat(x.waitFor()).as(log).isZero();
        Path got = out.resolve(src.toString().substring(1)); // members are named from the snapshot's root
        assertThat(Files.readAllBytes(got.resolve("big.bin"))).isEqualTo(Files.readAllBytes(src.resolve("big.bin")));
        assertThat(Files.readString(got.resolve("sub/b.txt"))).isEqualTo("beta");
        assertThat(Files.readAllBytes(SourceTree.rawPath(got, BAD_NAME))).isEqualTo("not utf-8".getBytes());
        assertThat(Files.isSymbolicLink(got.resolve("escape"))).isTrue();
        assertThat(Files.readSymbolicLink(got.resolve("escape"))).isEqualTo(Path.of("/etc/passwd"));
        assertThat((Integer) Files.getAttribute(got.resolve("pipe"), "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS)
                & 0170000).isEqualTo(0010000);
        assertThat(raw("/download/alpha/" + snap + src + "?format=rar").status()).isEqualTo(400);
    }
}
