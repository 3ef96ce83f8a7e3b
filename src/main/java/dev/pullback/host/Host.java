package dev.pullback.host;

import java.time.Instant;
import java.util.List;

/**
 * One host's configuration. Values here have passed {@link HostRules}; build new ones through
 * {@link HostChanges#applyTo}.
 *
 * @param sources      paths to pull: absolute, or {@code ~/...} relative to the login's home
 * @param excludes     rsync exclude patterns added to (or replacing) the default list
 * @param rsyncOptions extra rsync arguments, each one list element
 * @param sshOptions   extra ssh {@code -o} options as {@code Key=Value}
 */
public record Host(
        String name,
        Transport transport,
        String address,
        String user,
        Integer port,
        String identityFile,
        List<String> sources,
        List<String> excludes,
        boolean defaultExcludes,
        List<String> rsyncOptions,
        List<String> sshOptions,
        Integer bwlimitKbps,
        boolean fakeSuper,
        boolean acls,
        boolean xattrs,
        boolean acceptPartial,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) {

    public static final String HOME = "~/";

    public Host {
        sources = List.copyOf(sources);
        excludes = List.copyOf(excludes);
        rsyncOptions = List.copyOf(rsyncOptions);
        sshOptions = List.copyOf(sshOptions);
    }

    /** A new host with the defaults: ssh to its own name (an ssh alias works), the login's home. */
    public static Host defaults(String name, Instant now) {
        return new Host(name, Transport.SSH, name, null, null, null, List.of(HOME), List.of(), true,
                List.of(), List.of(), null, false, false, false, true, true, now, now);
    }
}
