package dev.pullback.security;

import dev.pullback.InvalidInputException;
import java.util.regex.Pattern;

/** User and token names: short, printable, no whitespace, nothing a shell or a log line could misread. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private Names() {
    }

    static String check(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(field, "'" + printable(name) + "' is not a valid name: 1-64 characters "
                    + "of letters, digits, '.', '_', '@', '-', starting with a letter or digit");
        }
        return name;
    }

    /** Control characters in an error message would garble the terminal. */
    static String printable(String s) {
        return s == null ? "" : s.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
