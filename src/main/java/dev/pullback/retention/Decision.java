package dev.pullback.retention;

/** What a plan does with one snapshot. */
public enum Decision {
    KEEP,
    REMOVE,
    /** Would be removed, but this apply has reached its max-delete bound; a later apply removes it. */
    DEFER;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
