package dev.pullback.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullback.InvalidInputException;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every validation rule: a bad value is refused with one line naming the field and the rule. */
class HostRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"web", "web-01", "a", "db.example.org", "A_b-c.9", "x123456789012345678901234567890123456789012345678901234567890ab"})
    void validHostNames(String name) {
        assertThat(HostRules.name(name)).isEqualTo(name);
    }

    @Resilience(item = ResilienceItem.HOST_CONFIG_METACHARACTERS, what = "host names", behaviour = "refused with one line 'host: ... not a valid host name' ('-web', 'web;rm', '$(id)', newline, '..', ...)")
    @ParameterizedTest
    @ValueSource(strings = {"", "-web", ".hidden", "_x", "web host", "web;rm", "web/1", "web\nx", "wéb", "x1234567890123456789012345678901234567890123456789012345678901234", "..", "$(id)"})
    void invalidHostNames(String name) {
        assertThatThrownBy(() -> HostRules.name(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("host: ")
                .hasMessageContaining("not a valid host name")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Resilience(item = ResilienceItem.HOST_CONFIG_METACHARACTERS, what = "address, user, source, excludes, rsync and ssh options, identity", behaviour = "refused with one line naming the field and the rule (leading '-', whitespace, ; $( ` metacharacters, '..', dangerous rsync options, ProxyCommand)")
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "address | -oProxyCommand=x | must not start with '-'",
            "address | web host         | whitespace",
            "address | web;reboot       | shell metacharacters",
            "address | $(id)            | shell metacharacters",
            "address | `id`             | shell metacharacters",
            "address | a/b              | must not contain '/'",
            "user    | -l               | must not start with '-'",
            "user    | ro ot            | whitespace",
            "user    | a&b              | shell metacharacters",
            "source  | relative/path    | must be absolute",
            "source  | /home/../etc     | '.' or '..'",
            "source  | ~/../../etc      | '.' or '..'",
            "source  | ~user/x          | must be absolute",
            "exclude | \"   \"            | must not be empty",
            "rsync-opt | --remove-source-files | not allowed",
            "rsync-opt | --inplace      | not allowed",
            "rsync-opt | --link-dest=/x | not allowed",
            "rsync-opt | -e             | not allowed",
            "rsync-opt | verbose        | must be an option",
            "ssh-opt | \"ProxyCommand=nc %h %p\" | Key=Value",
            "ssh-opt | -oFoo=bar        | Key=Value",
            "identity | relative/key    | absolute path",
            "identity | \"/keys/my key\"  | whitespace",
    })
    void invalidFields(String field, String value, String rule) {
        HostChanges changes = switch (field.strip()) {
            case "address" -> withAddress(value);
            case "user" -> new HostChanges(null, null, value, null, null, null, null, null, null, null, null, null, null, null, null, null);
            case "source" -> new HostChanges(null, null, null, null, null, List.of(value), null, null, null, null, null, null, null, null, null, null);
            case "exclude" -> new HostChanges(null, null, null, null, null, null, List.of(value), null, null, null, null, null, null, null, null, null);
            case "rsync-opt" -> new HostChanges(null, null, null, null, null, null, null, null, List.of(value), null, null, null, null, null, null, null);
            case "ssh-opt" -> new HostChanges(null, null, null, null, null, null, null, null, null, List.of(value), null, null, null, null, null, null);
            case "identity" -> new HostChanges(null, null, null, null, value, null, null, null, null, null, null, null, null, null, null, null);
            default -> throw new IllegalArgumentException(field);
        };
        assertThatThrownBy(() -> changes.applyTo(Host.defaults("web", Instant.EPOCH), Instant.EPOCH))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(field.strip() + ": ")
                .hasMessageContaining(rule.strip());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, 100000})
    void portsOutOfRange(int port) {
        HostChanges changes = new HostChanges(null, null, null, port, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> changes.applyTo(Host.defaults("web", Instant.EPOCH), Instant.EPOCH))
                .hasMessage("port: " + port + " is out of range: must be 1-65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.10.15", "::1", "fe80::1", "host.example.org", "officewsl", "10.0.0.1"})
    void validAddresses(String address) {
        assertThatCode(() -> withAddress(address).applyTo(Host.defaults("web", Instant.EPOCH), Instant.EPOCH)).doesNotThrowAnyException();
    }

    @org.junit.jupiter.api.Test
    void overlappingSourcesAreRefused() {
        HostChanges changes = new HostChanges(null, null, null, null, null, List.of("/etc", "/etc/ssh"), null, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> changes.applyTo(Host.defaults("web", Instant.EPOCH), Instant.EPOCH))
                .hasMessageContaining("overlap");
    }

    @org.junit.jupiter.api.Test
    void localTransportNeedsAbsoluteSources() {
        HostChanges changes = new HostChanges(Transport.LOCAL, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> changes.applyTo(Host.defaults("web", Instant.EPOCH), Instant.EPOCH))
                .hasMessage("source: '~/' must be an absolute path for the local transport");
    }

    @org.junit.jupiter.api.Test
    void changesKeepWhatTheyDoNotName() {
        Host h = new HostChanges(null, "10.0.0.5", "backup", 2222, null, List.of("/srv"), List.of("*.iso"), null, null, null, null, null, null, null, null, null)
                .applyTo(Host.defaults("web", Instant.EPOCH), Instant.EPOCH);
        Host next = new HostChanges(null, null, null, 2200, null, null, null, null, null, null, null, null, null, null, null, null)
                .applyTo(h, Instant.ofEpochSecond(5));
        assertThat(next).usingRecursiveComparison().ignoringFields("port", "updatedAt").isEqualTo(h);
        assertThat(next.port()).isEqualTo(2200);
        assertThat(next.name()).isEqualTo("web");
    }

    @org.junit.jupiter.api.Test
    void sourceFoldersFollowRsyncRelative() {
        assertThat(SourceFolders.folderOf("~/")).isEqualTo("home");
        assertThat(SourceFolders.folderOf("~")).isEqualTo("home");
        assertThat(SourceFolders.folderOf("~/projects/")).isEqualTo("home/projects");
        assertThat(SourceFolders.folderOf("/etc")).isEqualTo("etc");
        assertThat(SourceFolders.folderOf("/var/www/")).isEqualTo("var/www");
        assertThat(SourceFolders.folderOf("/")).isEqualTo("root");
    }

    private static HostChanges withAddress(String address) {
        return new HostChanges(null, address, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
