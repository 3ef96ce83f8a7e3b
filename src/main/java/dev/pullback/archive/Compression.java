package dev.pullback.archive;

import dev.pullback.InvalidInputException;
import java.util.Locale;

/** How tar archives are compressed; the suffix is part of the on-disk layout (DESIGN.md §2). */
public enum Compression {
    /** zstd -T0: several times faster than gzip at a similar or better ratio, the default. */
    ZSTD(".tar.zst"),
    /** gzip (pigz when installed): what Backup Manager wrote, for tools that only read .tar.gz. */
    GZIP(".tar.gz");

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** {@code zstd} or {@code gzip}, as the property {@code tar-compression} spells it. */
    public static Compression parse(String value) {
        if (value != null) {
            switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "zstd", "zst" -> {
                    return ZSTD;
                }
                case "gzip", "gz" -> {
                    return GZIP;
                }
                default -> {
                }
            }
        }
        throw new InvalidInputException("tar-compression", "must be zstd or gzip, got " + value);
    }
}
