package dev.pullback.host;

import dev.pullback.InvalidInputException;
import java.util.List;

/**
 * Where each source path lands inside a snapshot: {@code ~/} and {@code ~/x} under {@code home/},
 * absolute paths under their own path without the leading slash ({@code /etc} as {@code etc/}),
 * as {@code rsync --relative} would put them.
 */
public final class SourceFolders {
    private SourceFolders() {
    }

    public static String folderOf(String source) {
        String s = trimSlashes(source);
        if (s.equals("~")) {
            return "home";
        }
        if (s.startsWith("~/")) {
            return "home/" + trimSlashes(s.substring(2));
        }
        String rel = trimSlashes(s);
        return rel.isEmpty() ? "root" : rel;
    }

    /** Two sources must not land in the same folder or one inside the other. */
    static void check(List<String> sources) {
        for (int i = 0; i < sources.size(); i++) {
            for (int j = i + 1; j < sources.size(); j++) {
                String a = folderOf(sources.get(i)) + "/";
                String b = folderOf(sources.get(j)) + "/";
                if (a.startsWith(b) || b.startsWith(a)) {
                    throw new InvalidInputException("source", "'" + sources.get(i) + "' and '" + sources.get(j)
                            + "' overlap: one would be copied twice; keep only the outer one");
                }
            }
        }
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }
}
