package dev.pullback.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.alert.Alert;
import dev.pullback.alert.AlertRepository;
import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.testing.Databases;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.TestContext;
import dev.pullback.trust.HostKeyRecord;
import dev.pullback.trust.HostKeyRepository;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/** host_keys and anomaly_alerts (V6) on every supported database. */
class TrustRepositoryContractTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Databases.class)
    void hostKeysAndAlertsRoundTrip(Databases db) {
        Instant t0 = Instant.parse("2026-03-06T08:00:00Z");
        try (Databases.Isolated database = db.create(tmp);
             ConfigurableApplicationContext ctx = TestContext.start(tmp.resolve("var"), MutableClock.at(t0.toString()),
                     "pullback.database-url=" + database.url())) {
            ctx.getBean(HostService.class).configure("web", HostChanges.none());
            HostKeyRepository keys = ctx.getBean(HostKeyRepository.class);
            HostKeyRecord first = new HostKeyRecord("web", "ED25519", "SHA256:" + "a".repeat(43), t0, null);
            keys.save(first);
            assertThat(keys.find("web")).hasValue(first);
            HostKeyRecord trusted = new HostKeyRecord("web", "RSA", "SHA256:" + "b".repeat(43), t0.plusSeconds(60), t0.plusSeconds(60));
            keys.save(trusted);
            assertThat(keys.findAll()).containsExactly(trusted);

            AlertRepository alerts = ctx.getBean(AlertRepository.class);
            alerts.raise("web", Alert.HOST_KEY_CHANGED, "first", t0);
            alerts.raise("web", Alert.HOST_KEY_CHANGED, "x".repeat(5000), t0.plusSeconds(3600));
            assertThat(alerts.open("web")).singleElement().satisfies(a -> {
                assertThat(a.createdAt()).isEqualTo(t0);
                assertThat(a.message()).hasSize(2000).endsWith("...");
                assertThat(a.open()).isTrue();
            });
            assertThat(alerts.acknowledge("web", Alert.HOST_KEY_CHANGED, t0.plusSeconds(7200))).isEqualTo(1);
            assertThat(alerts.open("web")).isEmpty();
            alerts.raise("web", Alert.HOST_KEY_CHANGED, "again", t0.plusSeconds(9000));
            assertThat(alerts.list(false, 10)).extracting(Alert::message).containsExactly("again");
            assertThat(alerts.list(true, 10)).extracting(Alert::acknowledgedAt).containsExactly(null, t0.plusSeconds(7200));

            // forgetting a host forgets its key
            ctx.getBean(HostService.class).remove("web");
            assertThat(keys.find("web")).isEmpty();
        }
    }
}
