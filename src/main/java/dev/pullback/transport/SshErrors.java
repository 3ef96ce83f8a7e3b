package dev.pullback.transport;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What ssh's messages on rsync's stderr say about the connection. */
public final class SshErrors {
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    private SshErrors() {
    }

    /** ssh refused the host's key: it differs from the one pullback's known_hosts holds for the host. */
    public static boolean hostKeyRejected(List<String> lines) {
        return lines.stream().anyMatch(l -> l.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
                || l.contains("Host key verification failed"));
    }

    /** The fingerprint of the key the host offered, as ssh's warning prints it. */
    public static Optional<String> offeredFingerprint(List<String> lines) {
        for (String l : lines) {
            Matcher m = FINGERPRINT.matcher(l);
            if (m.find()) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }
}
