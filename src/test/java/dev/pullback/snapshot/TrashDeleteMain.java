package dev.pullback.snapshot;

import java.nio.file.Path;

/** {@link Trash#delete} in a process of its own, so a test can run it as an ordinary user. */
public final class TrashDeleteMain {
    private TrashDeleteMain() {
    }

    public static void main(String[] args) throws Exception {
        Trash.delete(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 1);
    }
}
