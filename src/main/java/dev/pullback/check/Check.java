package dev.pullback.check;

import java.util.Locale;

/**
 * One verified item of the set-up.
 *
 * @param fix what to do about a warning or failure, or null
 */
public record Check(String name, Status status, String detail, String fix) {

    public enum Status {
        OK, WARN, FAIL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Check ok(String name, String detail) {
        return new Check(name, Status.OK, detail, null);
    }

    public static Check warn(String name, String detail, String fix) {
        return new Check(name, Status.WARN, detail, fix);
    }

    public static Check fail(String name, String detail, String fix) {
        return new Check(name, Status.FAIL, detail, fix);
    }
}
