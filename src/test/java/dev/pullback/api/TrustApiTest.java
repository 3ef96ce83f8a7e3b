package dev.pullback.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.configfile.ConfigFileService;
import dev.pullback.testing.Http;
import dev.pullback.testing.SourceTree;
import dev.pullback.testing.TestSshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * SSH trust over HTTP against a real sshd: the host key in {@code GET /api/hosts/{host}}, the
 * alert a changed key raises (API, dashboard, host page), {@code POST /api/hosts/{host}/trust}
 * and the host page's two-step trust; and the private key never leaves its file.
 */
class TrustApiTest {
    @TempDir
    Path tmp;
    TestSshd sshd;
    ServerFixture f;
    Http http;
    Http session;

    @BeforeEach
    void setUp() throws IOException {
        sshd = TestSshd.start(tmp.resolve("sshd"));
        f = new ServerFixture(tmp);
        http = f.http;
        session = http.login();
        Path src = SourceTree.in(tmp.resolve("src")).file("a.txt", "alpha").build();
        Http.Response r = http.post("/api/hosts/web", "{\"address\": \"" + sshd.host() + "\", \"user\": \"" + sshd.user()
                + "\", \"port\": " + sshd.port() + ", \"identity_file\": \"" + sshd.identityFile() + "\", \"sources\": [\""
                + src + "\"], \"default_excludes\": false}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @AfterEach
    void tearDown() {
        f.close();
        sshd.close();
    }

    JsonNode backup() {
        assertThat(http.post("/api/hosts/web/backup").status()).isEqualTo(202);
        return f.awaitIdle().get("hosts").get("web");
    }

    @Test
    void theKeyIsShownAChangedKeyRaisesAnAlertAndTrustAcceptsTheNewOne() throws Exception {
        assertThat(http.get("/api/hosts/web").json().get("host_key").isNull()).isTrue();
        assertThat(backup().get("status").asString()).isEqualTo("ok");
        JsonNode key = http.get("/api/hosts/web").json().get("host_key");
        assertThat(key.get("type").asString()).isEqualTo("ED25519");
        assertThat(key.get("fingerprint").asString()).isEqualTo(sshd.hostKeyFingerprint());
        assertThat(key.get("first_seen").asString()).isEqualTo("2026-03-06T08:00:00Z");
        assertThat(key.get("trusted_at").isNull()).isTrue();
        assertThat(http.get("/api/hosts").json().get(0).get("host_key").get("fingerprint").asString()).isEqualTo(sshd.hostKeyFingerprint());
        assertThat(http.get("/hosts/web").body()).contains(sshd.hostKeyFingerprint(), "Read the host's current key");
        String dashboard = http.get("/").body();
        assertThat(dashboard).doesNotContain("rsync-warning", "data-kind=\"host_key_changed\"");

        String old = sshd.hostKeyFingerprint();
        sshd.rotateHostKey();
        f.clock.advance(Duration.ofHours(1));
        JsonNode failed = backup();
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("message").asString()).contains("host key changed for web", "pullback host trust web");
        JsonNode alerts = http.get("/api/alerts").json();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("host").asString()).isEqualTo("web");
        assertThat(alerts.get(0).get("kind").asString()).isEqualTo("host_key_changed");
        assertThat(alerts.get(0).get("message").asString()).contains(old, sshd.hostKeyFingerprint());
        // a second refused run refreshes the alert, it does not add one
        f.clock.advance(Duration.ofHours(1));
        backup();
        assertThat(http.get("/api/alerts").json()).hasSize(1);
        assertThat(http.get("/").body()).contains("data-kind=\"host_key_changed\"", "host key changed for web");
        assertThat(http.get("/hosts/web").body()).contains("data-kind=\"host_key_changed\"", old);

        // trust only the key the person confirmed
        Http.Response wrong = http.post("/api/hosts/web/trust", "{\"fingerprint\": \"" + old + "\"}");
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(409);
        assertThat(wrong.json().get("detail").asString()).contains("now offers ED25519 " + sshd.hostKeyFingerprint(), "nothing changed");
        assertThat(http.get("/api/hosts/web").json().get("host_key").get("fingerprint").asString()).isEqualTo(old);

        Http.Response ok = http.post("/api/hosts/web/trust", "{\"fingerprint\": \"" + sshd.hostKeyFingerprint() + "\"}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("previous").get("fingerprint").asString()).isEqualTo(old);
        assertThat(ok.json().get("host_key").get("fingerprint").asString()).isEqualTo(sshd.hostKeyFingerprint());
        assertThat(ok.json().get("host_key").get("trusted_at").asString()).isEqualTo("2026-03-06T10:00:00Z");
        assertThat(ok.json().get("changed").asBoolean()).isTrue();
        assertThat(http.get("/api/alerts").json()).isEmpty();
        assertThat(http.get("/api/alerts?all=true").json().get(0).get("acknowledged_at").asString()).isEqualTo("2026-03-06T10:00:00Z");
        f.clock.advance(Duration.ofHours(1));
        assertThat(backup().get("status").asString()).isEqualTo("ok");
    }

    @Test
    void theHostPageReadsTheKeyFirstAndTrustsOnlyTheOneShown() throws Exception {
        assertThat(backup().get("status").asString()).isEqualTo("ok");
        sshd.rotateHostKey();
        String offered = sshd.hostKeyFingerprint();

        Http.Response scan = form("/hosts/web/trust", "action=scan");
        assertThat(scan.status()).isEqualTo(200);
        assertThat(scan.body()).contains("id=\"offered-key\">" + offered, "Trust this key");
        // reading the key changed nothing
        assertThat(http.get("/api/hosts/web").json().get("host_key").get("fingerprint").asString()).isNotEqualTo(offered);

        Http.Response noFingerprint = form("/hosts/web/trust", "action=trust");
        assertThat(noFingerprint.body()).contains("id=\"trust-error\"", "read the host&#39;s key first");

        Http.Response trusted = form("/hosts/web/trust", "action=trust&fingerprint=" + offered.replace("+", "%2B").replace("/", "%2F"));
        assertThat(trusted.status()).isEqualTo(302);
        assertThat(http.get("/api/hosts/web").json().get("host_key").get("fingerprint").asString()).isEqualTo(offered);
        f.clock.advance(Duration.ofHours(1));
        assertThat(backup().get("status").asString()).isEqualTo("ok");
    }

    @Test
    void theApiTellsAnOfflineHostApartAndChangesNothing() throws Exception {
        assertThat(backup().get("status").asString()).isEqualTo("ok");
        String before = Files.readString(f.data.resolve("known_hosts"));
        sshd.stop();

        Http.Response r = http.post("/api/hosts/web/trust");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("detail").asString()).contains("did not answer", "nothing changed");
        assertThat(Files.readString(f.data.resolve("known_hosts"))).isEqualTo(before);
    }

    @Test
    void thePrivateKeyIsNeverReturnedByAnyApiNorWrittenToTheJobLog() throws Exception {
        JsonNode status = backup();
        f.clock.advance(Duration.ofHours(1));
        assertThat(http.post("/api/hosts/web/backup", "{\"dry_run\": true}").status()).isEqualTo(202);
        f.awaitIdle();
        List<String> secret = Files.readAllLines(sshd.identityFile()).stream().filter(l -> !l.startsWith("-----")).toList();
        assertThat(secret).isNotEmpty();

        List<String> exposed = new java.util.ArrayList<>(List.of(http.get("/api/hosts").body(), http.get("/api/hosts/web").body(),
                http.get("/api/runs").body(), http.get("/api/status").body(), http.get("/api/check").body(),
                http.get("/hosts/web").body(), http.get("/").body(), f.context.getBean(ConfigFileService.class).export()));
        for (JsonNode run : http.get("/api/runs").json().get("items")) {
            exposed.add(http.get("/api/runs/" + run.get("id").asLong()).body());
        }
        assertThat(exposed.getLast()).contains("$ rsync", sshd.identityFile().toString()); // the path is fine
        for (String body : exposed) {
            for (String line : secret) {
                assertThat(body).doesNotContain(line);
            }
        }
        assertThat(status.get("job_id").asLong()).isPositive();
    }

    /** A form post from a logged-in browser session, CSRF token included. */
    Http.Response form(String path, String body) {
        return session.form(path, body);
    }
}
