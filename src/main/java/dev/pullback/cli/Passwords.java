package dev.pullback.cli;

import dev.pullback.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A new password: typed twice on a terminal (not echoed), or the first line of standard input for scripts. */
final class Passwords {
    private Passwords() {
    }

    static String read(String user, InputStream in) {
        if (Terminal.isInteractive()) {
            char[] first = System.console().readPassword("New password for %s: ", user);
            char[] second = System.console().readPassword("Again: ");
            try {
                if (first == null || second == null || !Arrays.equals(first, second)) {
                    throw new InvalidInputException("password", "the two entries differ: nothing changed");
                }
                return new String(first);
            } finally {
                Arrays.fill(first == null ? new char[0] : first, ' ');
                Arrays.fill(second == null ? new char[0] : second, ' ');
            }
        }
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new InvalidInputException("password", "none given: type it on a terminal, or pipe it on standard input "
                        + "(printf '%s\\n' \"$PASSWORD\" | pullback user add ...)");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
