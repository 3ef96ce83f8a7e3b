package dev.pullback.cli;

import java.io.Console;

/** Whether a person is at the other end: progress lines and confirmation questions need one. */
final class Terminal {
    private Terminal() {
    }

    /** JDK 22+ returns a Console even when redirected; there {@code isTerminal()} tells the truth. */
    static boolean isInteractive() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Asks a yes/no question on the terminal; anything but y/yes is no. */
    static boolean confirm(String question) {
        String answer = System.console().readLine("%s [y/N] ", question);
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }
}
