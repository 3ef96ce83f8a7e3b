package dev.pullback.configfile;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pullback.InvalidInputException;
import dev.pullback.host.Host;
import dev.pullback.host.HostChanges;
import dev.pullback.host.HostRules;
import dev.pullback.host.HostService;
import dev.pullback.host.Transport;
import dev.pullback.job.RetentionService;
import dev.pullback.retention.PolicyOverride;
import dev.pullback.schedule.Cron;
import dev.pullback.schedule.HostSchedule;
import dev.pullback.schedule.HostScheduleView;
import dev.pullback.schedule.ScheduleService;
import dev.pullback.settings.GlobalSettings;
import dev.pullback.settings.SettingsService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Configuration as code: {@code config export} writes hosts, schedules, retention overrides and
 * global settings as YAML; {@code config import} shows the difference and applies it. The file is
 * the truth for the hosts it lists (a schedule or override left out is removed) and says nothing
 * about hosts it does not list (they are left as they are, never deleted).
 */
public class ConfigFileService {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final SettingsService settings;
    private final HostService hosts;
    private final ScheduleService schedules;
    private final RetentionService retention;
    private final Clock clock;

    public ConfigFileService(SettingsService settings, HostService hosts, ScheduleService schedules, RetentionService retention,
                             Clock clock) {
        this.settings = settings;
        this.hosts = hosts;
        this.schedules = schedules;
        this.retention = retention;
        this.clock = clock;
    }

    public ConfigDocument current() {
        GlobalSettings g = settings.current();
        Map<String, HostSchedule> byHost = schedules.list().stream().map(HostScheduleView::schedule)
                .collect(Collectors.toMap(HostSchedule::host, Function.identity()));
        Map<String, ConfigDocument.HostDoc> out = new LinkedHashMap<>();
        for (Host h : hosts.list()) {
            HostSchedule s = byHost.get(h.name());
            PolicyOverride o = retention.override(h.name());
            out.put(h.name(), new ConfigDocument.HostDoc(h.transport().name().toLowerCase(Locale.ROOT), h.address(), h.user(),
                    h.port(), h.identityFile(), h.sources(), h.excludes(), h.defaultExcludes(), h.rsyncOptions(), h.sshOptions(),
                    h.bwlimitKbps(), h.fakeSuper(), h.acls(), h.xattrs(), h.acceptPartial(), h.enabled(),
                    s == null ? null : new ConfigDocument.ScheduleDoc(s.cron(), s.prune(), s.enabled()),
                    ConfigDocument.RetentionDoc.of(o)));
        }
        return new ConfigDocument(ConfigDocument.VERSION,
                new ConfigDocument.SettingsDoc(g.backupRoot() == null ? null : g.backupRoot().toString(), g.zone().getId()), out);
    }

    public String export() {
        return "# pullback configuration (pullback config import FILE applies it)\n" + YAML.writeValueAsString(current());
    }

    public ConfigDocument parse(String yaml) {
        try {
            ConfigDocument d = YAML.readValue(yaml, ConfigDocument.class);
            if (d == null) {
                throw new InvalidInputException("file", "the file is empty");
            }
            if (d.version() != null && d.version() != ConfigDocument.VERSION) {
                throw new InvalidInputException("version", "version " + d.version() + " is not supported (expected " + ConfigDocument.VERSION + ")");
            }
            return d;
        } catch (JacksonException e) {
            throw new InvalidInputException("file", "not a pullback configuration: " + e.getOriginalMessage());
        }
    }

    /** What importing the document would change, one line each ({@code +} new, {@code ~} changed, {@code -} removed). */
    public List<String> diff(ConfigDocument file) {
        validate(file);
        Map<String, String> now = flatten(current());
        Map<String, String> next = flatten(file);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : next.entrySet()) {
            String before = now.get(e.getKey());
            if (before == null) {
                out.add("+ " + e.getKey() + ": " + e.getValue());
            } else if (!before.equals(e.getValue())) {
                out.add("~ " + e.getKey() + ": " + before + " -> " + e.getValue());
            }
        }
        for (String key : now.keySet()) {
            if (next.containsKey(key)) {
                continue;
            }
            String[] p = key.split("\\.", 4);
            if (p[0].equals("hosts") && p.length > 2 && file.hosts() != null && file.hosts().containsKey(p[1])
                    && (p[2].equals("schedule") || p[2].equals("retention"))) {
                out.add("- " + key + ": " + now.get(key));
            }
        }
        if (file.hosts() != null) {
            hosts.list().stream().map(Host::name).filter(n -> !file.hosts().containsKey(n))
                    .forEach(n -> out.add("= hosts." + n + ": not in the file, left as it is"));
        }
        return out;
    }

    /** Applies the document (after validating all of it) and returns the diff it applied. */
    public List<String> apply(ConfigDocument file) {
        List<String> diff = diff(file);
        if (file.settings() != null) {
            // only what changes: configuring the same root again would create it on an unmounted drive's mount point
            GlobalSettings g = settings.current();
            String root = file.settings().backupRoot();
            String zone = file.settings().timezone();
            settings.configure(root != null && (g.backupRoot() == null || !root.equals(g.backupRoot().toString())) ? root : null,
                    zone != null && !zone.equals(g.zone().getId()) ? zone : null);
        }
        if (file.hosts() != null) {
            for (Map.Entry<String, ConfigDocument.HostDoc> e : file.hosts().entrySet()) {
                String name = e.getKey();
                ConfigDocument.HostDoc d = e.getValue() == null ? empty() : e.getValue();
                hosts.configure(name, changes(d));
                boolean hasSchedule = schedules.list().stream().anyMatch(v -> v.schedule().host().equals(name));
                if (d.schedule() != null) {
                    schedules.set(name, d.schedule().cron(), Boolean.TRUE.equals(d.schedule().prune()),
                            !Boolean.FALSE.equals(d.schedule().enabled()));
                } else if (hasSchedule) {
                    schedules.remove(name);
                }
                retention.setOverride(name, d.retention() == null ? PolicyOverride.none() : d.retention().toOverride());
            }
        }
        return diff;
    }

    private void validate(ConfigDocument file) {
        if (file.settings() != null && file.settings().timezone() != null) {
            try {
                java.time.ZoneId.of(file.settings().timezone());
            } catch (java.time.DateTimeException ex) {
                throw new InvalidInputException("timezone", "'" + file.settings().timezone() + "' is not a time zone");
            }
        }
        if (file.hosts() == null) {
            return;
        }
        java.time.Instant now = clock.instant();
        for (Map.Entry<String, ConfigDocument.HostDoc> e : file.hosts().entrySet()) {
            String name = HostRules.name(e.getKey());
            ConfigDocument.HostDoc d = e.getValue() == null ? empty() : e.getValue();
            Host base = hosts.list().stream().filter(h -> h.name().equals(name)).findFirst().orElse(Host.defaults(name, now));
            try {
                changes(d).applyTo(base, now);
            } catch (InvalidInputException ex) {
                throw new InvalidInputException(ex.field(), "host " + name + ": " + ex.getMessage());
            }
            if (d.schedule() != null) {
                Cron.validate(d.schedule().cron(), settings.current().zone(), now);
            }
        }
    }

    private static ConfigDocument.HostDoc empty() {
        return new ConfigDocument.HostDoc(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    private static HostChanges changes(ConfigDocument.HostDoc d) {
        Transport t = null;
        if (d.transport() != null) {
            try {
                t = Transport.valueOf(d.transport().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("transport", "'" + d.transport() + "' is not a transport (ssh or local)");
            }
        }
        return new HostChanges(t, d.address(), d.user(), d.port(), d.identityFile(), d.sources(), d.excludes(),
                d.defaultExcludes(), d.rsyncOptions(), d.sshOptions(), d.bwlimitKbps(), d.fakeSuper(), d.acls(), d.xattrs(),
                d.acceptPartial(), d.enabled());
    }

    private static Map<String, String> flatten(ConfigDocument d) {
        Map<String, String> out = new TreeMap<>();
        Object tree = YAML.convertValue(new ConfigDocument(null, d.settings(), d.hosts()), Object.class);
        flatten("", tree, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object v, Map<String, String> out) {
        if (v instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).forEach((k, x) -> flatten(prefix.isEmpty() ? k : prefix + "." + k, x, out));
        } else if (v != null) {
            out.put(prefix, v instanceof List<?> l ? l.toString() : String.valueOf(v));
        }
    }
}
