package dev.pullback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pullback.testing.Http;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pullback serve} as a real process: it answers on loopback only and stops on SIGTERM. */
class ServeTest {
    @TempDir
    Path tmp;

    @Test
    void serveAnswersOnLoopbackAndStopsOnSigterm() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(tmp.resolve("backups"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.pullback.cli.Main", "serve")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("serve.log").toFile());
        pb.environment().put("PULLBACK_DATA_DIR", tmp.resolve("var").toString());
        pb.environment().put("PULLBACK_BACKUP_ROOT", tmp.resolve("backups").toString());
        pb.environment().put("PULLBACK_PORT", Integer.toString(port));
        pb.environment().put("HOSTS", "alpha,beta");
        Process serve = pb.start();
        try {
            Http http = new Http(port);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.get("/api/status").status() == 200);

            var status = http.get("/api/status").json();
            assertThat(status.get("job_running").asBoolean()).isFalse();
            assertThat(status.get("hosts").propertyNames()).as("HOSTS seeded").containsExactly("alpha", "beta");
            InetAddress other = nonLoopbackAddress();
            if (other != null) {
                assertThat(connects(other, port)).as("not reachable on " + other).isFalse();
            }
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(tmp.resolve("serve.log"))).isTrue();
        }
        assertThat(Files.readString(tmp.resolve("serve.log"))).doesNotContain("ERROR");
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).findFirst().orElse(null);
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new java.net.InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
