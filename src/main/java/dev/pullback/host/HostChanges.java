package dev.pullback.host;

import java.time.Instant;
import java.util.List;

/**
 * What a configure-host call (CLI, API or form) asks to change. A null field keeps the current
 * value, so "configure-host web --port 2222" touches nothing else.
 */
public record HostChanges(
        Transport transport,
        String address,
        String user,
        Integer port,
        String identityFile,
        List<String> sources,
        List<String> excludes,
        Boolean defaultExcludes,
        List<String> rsyncOptions,
        List<String> sshOptions,
        Integer bwlimitKbps,
        Boolean fakeSuper,
        Boolean acls,
        Boolean xattrs,
        Boolean acceptPartial,
        Boolean enabled) {

    public static HostChanges none() {
        return new HostChanges(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** The host with these changes applied, validated; the name never changes. */
    public Host applyTo(Host h, Instant now) {
        Host next = new Host(h.name(),
                or(transport, h.transport()),
                or(address, h.address()),
                blankToNull(or(user, h.user())),
                port == null ? h.port() : port,
                blankToNull(or(identityFile, h.identityFile())),
                or(sources, h.sources()),
                or(excludes, h.excludes()),
                or(defaultExcludes, h.defaultExcludes()),
                or(rsyncOptions, h.rsyncOptions()),
                or(sshOptions, h.sshOptions()),
                bwlimitKbps == null ? h.bwlimitKbps() : (bwlimitKbps == 0 ? null : bwlimitKbps),
                or(fakeSuper, h.fakeSuper()),
                or(acls, h.acls()),
                or(xattrs, h.xattrs()),
                or(acceptPartial, h.acceptPartial()),
                or(enabled, h.enabled()),
                h.createdAt(), now);
        HostRules.check(next);
        return next;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
