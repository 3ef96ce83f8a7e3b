package dev.pullback.discovery;

import java.util.List;

/**
 * The dashboard's banner: the backup root missing (an unmounted drive), or host directories
 * missing (a mismatched host name, with the near-miss directories that do exist).
 *
 * @param root  what is wrong with the root, or null
 * @param hosts one line per host whose directory is missing or not a directory
 */
public record DirectoryAlerts(String root, List<String> hosts) {

    public DirectoryAlerts {
        hosts = List.copyOf(hosts);
    }

    public boolean any() {
        return root != null || !hosts.isEmpty();
    }
}
