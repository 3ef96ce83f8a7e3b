package dev.pullback.discovery;

import java.util.List;

/**
 * A discovery run: the preflight, then per host what was (or, in a dry run, would be) imported.
 *
 * @param jobId the DISCOVERY job recorded for it, or null when the database could not record one
 */
public record DiscoveryResult(Preflight preflight, List<ImportPlan> imports, boolean dryRun, Long jobId) {

    public DiscoveryResult {
        imports = List.copyOf(imports);
    }
}
