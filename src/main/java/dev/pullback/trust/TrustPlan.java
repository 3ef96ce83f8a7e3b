package dev.pullback.trust;

import dev.pullback.transport.HostKey;
import java.util.List;

/**
 * What {@code pullback host trust} would do: the key pullback trusts now and the keys the host
 * offers. A value to show before anything changes.
 *
 * @param previous the key in pullback's known_hosts (null: none yet)
 * @param offered  the host's keys as {@code ssh-keyscan} read them, the one ssh prefers first
 */
public record TrustPlan(String host, HostKey previous, List<HostKey> offered) {
    public TrustPlan {
        offered = List.copyOf(offered);
    }

    /** The key people compare: the one ssh will use. */
    public HostKey key() {
        return offered.getFirst();
    }

    /** False when the host still offers the key pullback trusts: trusting again changes nothing that matters. */
    public boolean changed() {
        return previous == null || offered.stream().noneMatch(k -> k.fingerprint().equals(previous.fingerprint()));
    }
}
