package dev.pullback.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

/**
 * Declarative builder for test source trees. Every call acts on disk immediately, so
 * {@link #mode} and {@link #mtime} must come after the entry they change (and after
 * anything created inside a directory whose mtime they set).
 *
 * <h2>Names that are not UTF-8</h2>
 * On Linux a file name is bytes; {@code Path.toString()} decodes them with {@code sun.jnu.encoding}
 * and turns invalid bytes such as 0xff into U+FFFD, and {@code Path.of(String)} cannot produce
 * them at all (under the C/POSIX locale it even throws for any non-ASCII string). The JDK's
 * {@code UnixPath} does keep the raw bytes, though: paths returned by directory listings open
 * fine, {@code Path.toUri()} percent-encodes every non-ASCII byte exactly, and
 * {@code Path.of(URI)} decodes %XX back to raw bytes. This class goes through URIs for raw names
 * and keys {@link #snapshot} by the raw bytes read as ISO-8859-1 (one char per byte, lossless):
 * ASCII names look normal, {@code "é"} appears as {@code "Ã©"}; use {@link #key} to build keys.
 */
public final class SourceTree {

    private final Path root;

    private SourceTree(Path root) {
        this.root = root.toAbsolutePath();
    }

    public static SourceTree in(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SourceTree(root);
    }

    public SourceTree file(String relative, String content) {
        return file(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    public SourceTree file(String relative, byte[] content) {
        return write(root.resolve(relative), content);
    }

    /** {@code size} bytes from {@code new Random(seed)}, whose algorithm is fixed by its spec. */
    public SourceTree randomFile(String relative, long size, long seed) {
        Path p = parentsOf(root.resolve(relative));
        Random random = new Random(seed);
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(p)) {
            for (long left = size; left > 0; left -= buf.length) {
                random.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public SourceTree dir(String relative) {
        try {
            Files.createDirectories(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Target is stored as given (Path.of drops a trailing slash and doubled slashes, nothing else). */
    public SourceTree symlink(String relative, String target) {
        try {
            Files.createSymbolicLink(parentsOf(root.resolve(relative)), Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public SourceTree hardlink(String relative, String existing) {
        try {
            Files.createLink(parentsOf(root.resolve(relative)), root.resolve(existing));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A file whose relative name is arbitrary bytes (newline, 0xff, ...); '/' separates directories. */
    public SourceTree fileRaw(byte[] rawRelative, byte[] content) {
        return write(rawPath(root, rawRelative), content);
    }

    /** A FIFO (named pipe). */
    public SourceTree fifo(String relative) {
        run("mkfifo", "--", parentsOf(root.resolve(relative)).toString());
        return this;
    }

    /** A device node ({@code type} 'c' or 'b'); needs root, as the tests have on CI. */
    public SourceTree device(String relative, char type, int major, int minor) {
        run("mknod", "--", parentsOf(root.resolve(relative)).toString(), String.valueOf(type),
                Integer.toString(major), Integer.toString(minor));
        return this;
    }

    /** A file of {@code size} bytes that holds {@code data} at {@code offset} and holes everywhere else. */
    public SourceTree sparse(String relative, long size, long offset, byte[] data) {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(parentsOf(root.resolve(relative)).toFile(), "rw")) {
            f.seek(offset);
            f.write(data);
            f.setLength(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * {@code levels} nested directories {@code dirName} below {@code relative} with a file
     * {@code leaf} at the bottom. Built by descending one directory at a time (a shell's cd), the
     * only way to make a path longer than PATH_MAX (4096 bytes), which no single call accepts (dash's
     * cd refuses too; bash's works). JUnit's {@code @TempDir} cannot delete such a tree: remove it
     * with {@code Trash.discard}, which works relative to open directories.
     */
    public SourceTree deep(String relative, String dirName, int levels, String leaf, String content) {
        Path base = root.resolve(relative);
        dir(relative);
        run("bash", "-c", "cd \"$1\" || exit 1; n=0; while [ $n -lt \"$3\" ]; do mkdir -- \"$2\" && cd -- \"$2\" || exit 1; "
                + "n=$((n+1)); done; printf %s \"$5\" > \"$4\"", "bash", base.toString(), dirName, Integer.toString(levels), leaf, content);
        return this;
    }

    /** Permissions in {@code ls} notation, e.g. {@code "rw-r-----"}. */
    public SourceTree mode(String relative, String permissions) {
        try {
            Files.setPosixFilePermissions(root.resolve(relative), PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sets the mtime of the entry itself (a symlink's own time, not its target's). */
    public SourceTree mtime(String relative, Instant time) {
        setMtime(root.resolve(relative), FileTime.from(time));
        return this;
    }

    public Path build() {
        return root;
    }

    /** Rewrites the file and moves its mtime 2 s past the old one, so rsync's size+mtime check notices. */
    public static void modify(Path file, String content) {
        try {
            FileTime old = Files.getLastModifiedTime(file, NOFOLLOW_LINKS);
            Files.writeString(file, content);
            setMtime(file, FileTime.fromMillis(old.toMillis() + 2000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes the file system allocated for the entry ({@code stat}'s blocks): small for a sparse file. */
    public static long allocatedBytes(Path p) {
        String[] blocks = output("stat", "-c", "%b %B", "--", p.toString()).strip().split(" ");
        return Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]);
    }

    /** {@code stat}'s file type of the entry itself ("fifo", "character special file", "regular empty file"...). */
    public static String fileType(Path p) {
        return output("stat", "-c", "%F", "--", p.toString()).strip();
    }

    private static void run(String... command) {
        output(command);
    }

    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static long inode(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:ino", NOFOLLOW_LINKS)).longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a file looks like on disk. {@code mode} holds permission bits only (e.g. 0644);
     * {@code sha256} is set for files, {@code linkTarget} (raw bytes as ISO-8859-1) for symlinks.
     */
    public record FileFacts(String type, long inode, long size, String sha256, String linkTarget, int mode,
                            long mtimeMillis, int nlink) {
    }

    /**
     * Every entry below {@code root} (not root itself), symlinks not followed, keyed by the
     * relative path's raw bytes decoded as ISO-8859-1 (see class doc); sorted by byte order.
     */
    public static Map<String, FileFacts> snapshot(Path root) {
        Path absRoot = root.toAbsolutePath();
        int prefix = rawBytes(absRoot).length + 1;
        Map<String, FileFacts> facts = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(absRoot)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                byte[] raw = rawBytes(p);
                if (raw.length > prefix) {
                    facts.put(new String(raw, prefix, raw.length - prefix, StandardCharsets.ISO_8859_1), facts(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return facts;
    }

    /** The {@link #snapshot} key for a name given as a Java (Unicode) string: its UTF-8 bytes. */
    public static String key(String relative) {
        return key(relative.getBytes(StandardCharsets.UTF_8));
    }

    public static String key(byte[] rawRelative) {
        return new String(rawRelative, StandardCharsets.ISO_8859_1);
    }

    /** The file name bytes the kernel sees, which {@code toString()} may have mangled. */
    public static byte[] rawBytes(Path p) {
        // toUri() needs an absolute path; anchor relative ones (e.g. symlink targets) at "/"
        boolean relative = !p.isAbsolute();
        Path abs = relative ? Path.of("/").resolve(p) : p;
        String uri = abs.toUri().getRawPath();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = relative ? 1 : 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(uri, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        byte[] b = out.toByteArray();
        // toUri() appends '/' when the path names a directory
        if (b.length > 1 && b[b.length - 1] == '/' && !p.toString().endsWith("/")) {
            return java.util.Arrays.copyOf(b, b.length - 1);
        }
        return b;
    }

    /** {@code dir} resolved by raw bytes; the only JDK route to names that are not valid UTF-8. */
    public static Path rawPath(Path dir, byte[] rawRelative) {
        StringBuilder uri = new StringBuilder("file://");
        byte[] base = rawBytes(dir.toAbsolutePath());
        for (byte[] part : new byte[][] {base, {'/'}, rawRelative}) {
            for (byte b : part) {
                int c = b & 0xff;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/._-~".indexOf(c) >= 0) {
                    uri.append((char) c);
                } else {
                    uri.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
                }
            }
        }
        return Path.of(URI.create(uri.toString()));
    }

    private static FileFacts facts(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:ino,nlink,mode,size,lastModifiedTime", NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        String type = switch (mode & 0170000) {
            case 0100000 -> "file";
            case 0040000 -> "dir";
            case 0120000 -> "symlink";
            default -> "other";
        };
        String sha = type.equals("file") ? sha256(p) : null;
        String target = type.equals("symlink")
                ? new String(rawBytes(Files.readSymbolicLink(p)), StandardCharsets.ISO_8859_1) : null;
        return new FileFacts(type, ((Number) a.get("ino")).longValue(), (Long) a.get("size"), sha, target,
                mode & 07777, ((FileTime) a.get("lastModifiedTime")).toMillis(), (Integer) a.get("nlink"));
    }

    private static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private SourceTree write(Path p, byte[] content) {
        try {
            Files.write(parentsOf(p), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private static Path parentsOf(Path p) {
        try {
            Files.createDirectories(p.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static void setMtime(Path p, FileTime t) {
        try {
            Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW_LINKS).setTimes(t, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
