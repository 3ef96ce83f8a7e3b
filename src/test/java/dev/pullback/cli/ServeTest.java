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

    /** {@code pullback serve} as a process over tmp/var, on a free port; its output goes to tmp/serve.log. */
    Process serve(int port, String... env) throws IOException {
        Files.createDirectories(tmp.resolve("backups"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.pullback.cli.Main", "serve")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("serve.log").toFile());
        pb.environment().put("PULLBACK_DATA_DIR", tmp.resolve("var").toString());
        pb.environment().put("PULLBACK_BACKUP_ROOT", tmp.resolve("backups").toString());
        pb.environment().put("PULLBACK_PORT", Integer.toString(port));
        for (int i = 0; i + 1 < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        return pb.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void serveAnswersOnLoopbackAndStopsOnSigterm() throws Exception {
        int port = freePort();
        String token;
        try (TestRuntime cli = new TestRuntime(tmp.resolve("var"), java.time.Clock.systemUTC())) {
            CliResult created = CliResult.run(cli, "token", "create", "ops", "--role", "admin");
            assertThat(created.code()).as(created.err()).isZero();
            token = created.out().strip();
        }
        Process serve = serve(port, "HOSTS", "alpha,beta");
        try {
            Http http = new Http(port).withToken(token);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.get("/api/status").status() == 200);
            assertThat(http.anonymous().get("/api/status").status()).as("nothing is open anonymously").isEqualTo(401);
            assertThat(http.anonymous().get("/api/health").body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(Files.readString(tmp.resolve("serve.log"))).as("no user yet: the output says how to make one")
                    .contains("No users yet", "pullback user add NAME --role admin");

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

    @Test
    void refusesToListenBeyondLoopbackWithoutAnyUser() throws Exception {
        Process serve = serve(freePort(), "PULLBACK_BIND", "0.0.0.0");
        assertThat(serve.waitFor(90, TimeUnit.SECONDS)).as("it stops by itself").isTrue();
        assertThat(serve.exitValue()).isEqualTo(ExitCodes.FAILURE);
        assertThat(Files.readString(tmp.resolve("serve.log")))
                .contains("pullback: refusing to listen on 0.0.0.0 (PULLBACK_BIND) without any user: create the first admin "
                        + "first with 'pullback user add NAME --role admin', or bind to 127.0.0.1");
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
