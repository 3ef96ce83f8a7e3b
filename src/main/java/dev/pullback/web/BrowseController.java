package dev.pullback.web;

import dev.pullback.InvalidInputException;
import dev.pullback.NotFoundException;
import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.settings.SettingsService;
import dev.pullback.snapshot.BackupLayout;
import dev.pullback.store.SnapshotRow;
import dev.pullback.store.SqlSnapshotCatalog;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriUtils;

/**
 * The file browser, confined to one complete snapshot: the path is taken apart segment by segment
 * from the raw URI, {@code .}, {@code ..}, empty segments, encoded slashes and NULs are refused,
 * and each step is looked at without following links. A symlink is shown with its target text and
 * never followed; FIFOs, sockets and devices are listed but never opened. Files download as
 * attachments with {@code nosniff}; a directory downloads as a streamed zip.
 */
@Controller
class BrowseController {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BrowseController.class);
    static final int MAX_ENTRIES = 10_000;
    private static final String PREFIX = "/browse/";
    private static final String DOWNLOAD = "/download/";
    private final HostService hosts;
    private final SettingsService settings;
    private final SqlSnapshotCatalog snapshots;

    BrowseController(HostService hosts, SettingsService settings, SqlSnapshotCatalog snapshots) {
        this.hosts = hosts;
        this.settings = settings;
        this.snapshots = snapshots;
    }

    /** One entry of a listing; {@code type} is dir, file, symlink, fifo, socket, char-device, block-device or other. */
    record Entry(String name, String href, String type, long size, Instant modified, String mode, String target) {
    }

    record Crumb(String name, String href) {
    }

    /**
     * A request taken apart: host, snapshot, the path inside and where it is on disk.
     * {@code segments} are the names as text (for showing; a name that is not valid UTF-8 has
     * U+FFFD in it), {@code encoded} the same names as their raw bytes percent-encoded (for links:
     * Linux names are bytes, and only the bytes find the file again).
     */
    record Target(Host host, String snapshot, List<String> segments, List<String> encoded, Path snapshotDir, Path path) {
        public String hrefOf(List<String> encodedSegs, boolean dir) {
            StringBuilder b = new StringBuilder(PREFIX).append(seg(host.name())).append('/').append(seg(snapshot)).append('/');
            for (int i = 0; i < encodedSegs.size(); i++) {
                b.append(encodedSegs.get(i));
                if (i < encodedSegs.size() - 1 || dir) {
                    b.append('/');
                }
            }
            return b.toString();
        }

        public String display() {
            return "/" + String.join("/", segments);
        }

        /** The path inside as the switcher carries it: raw bytes percent-encoded. */
        public String encodedPath() {
            return "/" + String.join("/", encoded);
        }
    }

    @GetMapping({"/browse/{host}/{snapshot}", "/browse/{host}/{snapshot}/**"})
    String browse(HttpServletRequest request, Model model) throws IOException {
        Target t = resolve(request, PREFIX);
        int type = mode(t.path());
        if (isType(type, S_IFLNK)) {
            model.addAttribute("special", "symlink");
            model.addAttribute("linkTarget", dev.pullback.Printable.escape(Files.readSymbolicLink(t.path()).toString()));
            return page(t, model, List.of());
        }
        if (isType(type, S_IFREG)) {
            return "redirect:" + DOWNLOAD + t.hrefOf(t.encoded(), false).substring(PREFIX.length());
        }
        if (isType(type, S_IFDIR)) {
            if (!request.getRequestURI().endsWith("/")) {
                return "redirect:" + t.hrefOf(t.encoded(), true);
            }
            return page(t, model, list(t));
        }
        model.addAttribute("special", typeName(type));
        return page(t, model, List.of());
    }

    /**
     * A regular file as an attachment; a directory as a streamed zip, or with
     * {@code ?format=tar.zst} as a streamed {@code .tar.zst}. Links, FIFOs and devices are refused.
     */
    @GetMapping("/download/{host}/{snapshot}/**")
    ResponseEntity<StreamingResponseBody> download(HttpServletRequest request,
                                                   @RequestParam(defaultValue = "zip") String format) throws IOException {
        Target t = resolve(request, DOWNLOAD);
        int type = mode(t.path());
        if (isType(type, S_IFREG)) {
            return download(t);
        }
        if (isType(type, S_IFDIR)) {
            return switch (format) {
                case "zip" -> zip(t);
                case "tar.zst" -> tarZst(t);
                default -> throw new InvalidInputException("format", "must be zip or tar.zst, got '"
                        + dev.pullback.Printable.escape(format) + "'");
            };
        }
        throw new InvalidInputException("path", "refused: a " + typeName(type) + " has no content to download");
    }

    /** The snapshot switcher: the same path in another snapshot. */
    @GetMapping("/browse-switch")
    String switchSnapshot(@RequestParam String host, @RequestParam String snapshot, @RequestParam(defaultValue = "/") String path) {
        Host h = hosts.get(host);
        StringBuilder b = new StringBuilder("redirect:").append(PREFIX).append(seg(h.name())).append('/').append(seg(snapshot)).append('/');
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                b.append(encode(decodeBytes(s))).append('/'); // the path comes encoded; only canonical bytes go on
            }
        }
        return b.toString();
    }

    private String page(Target t, Model model, List<Entry> entries) {
        model.addAttribute("t", t);
        model.addAttribute("entries", entries);
        model.addAttribute("truncated", entries.size() >= MAX_ENTRIES);
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(new Crumb(t.snapshot(), t.hrefOf(List.of(), true)));
        for (int i = 0; i < t.segments().size(); i++) {
            crumbs.add(new Crumb(dev.pullback.Printable.escape(t.segments().get(i)), t.hrefOf(t.encoded().subList(0, i + 1), true)));
        }
        model.addAttribute("crumbs", crumbs);
        List<SnapshotRow> rows = snapshots.list(t.host().name());
        List<String> names = new ArrayList<>(rows.subList(Math.max(0, rows.size() - 200), rows.size()).stream().map(SnapshotRow::name).toList());
        Collections.reverse(names);
        if (!names.contains(t.snapshot())) {
            names.addFirst(t.snapshot());
        }
        model.addAttribute("snapshotNames", names);
        String folder = DOWNLOAD + t.hrefOf(t.encoded(), false).substring(PREFIX.length());
        model.addAttribute("zipHref", folder);
        model.addAttribute("tarHref", folder + "?format=tar.zst");
        return "browse";
    }

    Target resolve(HttpServletRequest request, String prefix) throws IOException {
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        if (!raw.startsWith(prefix)) {
            throw new InvalidInputException("path", "not a browse path");
        }
        String[] parts = raw.substring(prefix.length()).split("/", -1);
        List<byte[]> segs = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() && i >= 2 && i == parts.length - 1) {
                continue; // a trailing slash
            }
            byte[] d = decodeBytes(p);
            if (d.length == 0 || Arrays.equals(d, DOT) || Arrays.equals(d, DOTDOT) || contains(d, '/') || contains(d, '\\')
                    || contains(d, 0)) {
                throw new InvalidInputException("path", "refused: the path must stay inside the snapshot (no '.', '..', "
                        + "empty or encoded separators)");
            }
            segs.add(d);
        }
        if (segs.size() < 2) {
            throw new InvalidInputException("path", "a browse path names a host and a snapshot");
        }
        Host host = hosts.get(text(segs.get(0)));
        String snapshot = text(segs.get(1));
        Path root = settings.current().backupRoot();
        if (root == null) {
            throw new NotFoundException("backup_root", "no backup root configured");
        }
        BackupLayout layout = new BackupLayout(root, host.name());
        Path dir;
        if (layout.isComplete(snapshot)) {
            dir = layout.snapshotDir(snapshot);
            if (!dir.getParent().equals(layout.hourlyDir()) || Files.isSymbolicLink(dir)) {
                throw new InvalidInputException("path", "refused: not a snapshot directory");
            }
        } else {
            dir = adopted(layout, snapshot).orElseThrow(() -> new NotFoundException("snapshot", "no complete snapshot '"
                    + dev.pullback.Printable.escape(snapshot) + "' of " + host.name()));
        }
        List<byte[]> inside = segs.subList(2, segs.size());
        List<String> names = new ArrayList<>();
        List<String> encoded = new ArrayList<>();
        Path cur = dir;
        for (int i = 0; i < inside.size(); i++) {
            names.add(text(inside.get(i)));
            encoded.add(encode(inside.get(i)));
            cur = cur.resolve(name(inside.get(i)));
            if (!cur.normalize().startsWith(dir)) {
                throw new InvalidInputException("path", "refused: the path must stay inside the snapshot");
            }
            if (!Files.exists(cur, LinkOption.NOFOLLOW_LINKS)) {
                throw new NotFoundException("path", "no such file in " + snapshot + ": /"
                        + dev.pullback.Printable.escape(String.join("/", names)));
            }
            if (i < inside.size() - 1 && Files.isSymbolicLink(cur)) {
                throw new InvalidInputException("path", "refused: /" + dev.pullback.Printable.escape(String.join("/", names))
                        + " is a symlink; the browser never follows links");
            }
        }
        return new Target(host, snapshot, List.copyOf(names), List.copyOf(encoded), dir, cur);
    }

    private static final byte[] DOT = {'.'};
    private static final byte[] DOTDOT = {'.', '.'};

    /**
     * Marks a segment that carries a name's bytes in hex: names that are not valid UTF-8 (Tomcat
     * refuses such bytes percent-encoded in a URL) and names that themselves start with it.
     */
    static final String HEX_MARK = "~x~";

    /** A URL path segment's bytes: {@code %XX} is a byte, anything else its UTF-8 bytes; {@code ~x~<hex>} is hex. */
    static byte[] decodeBytes(String segment) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && HexFormat.isHexDigit(segment.charAt(i + 1))
                    && HexFormat.isHexDigit(segment.charAt(i + 2))) {
                out.write(HexFormat.fromHexDigits(segment, i + 1, i + 3));
                i += 2;
            } else if (c == '%') {
                throw new InvalidInputException("path", "refused: a '%' must start an escape such as %20");
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        String text = out.toString(StandardCharsets.ISO_8859_1);
        if (text.startsWith(HEX_MARK)) {
            String hex = text.substring(HEX_MARK.length());
            if (hex.length() % 2 != 0 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
                throw new InvalidInputException("path", "refused: " + HEX_MARK + " must be followed by hex digits");
            }
            return HexFormat.of().parseHex(hex);
        }
        return out.toByteArray();
    }

    /**
     * Bytes as a URL path segment: letters, digits and {@code -._~} as they are, every other byte
     * as {@code %XX}; a name that is not valid UTF-8, or has {@code %} or {@code ;} in it, as
     * {@code ~x~} and its bytes in hex.
     */
    static String encode(byte[] bytes) {
        // '%' and ';' too: a firewall in front (Spring Security's StrictHttpFirewall) refuses %25 and %3B
        if (!validUtf8(bytes) || new String(bytes, StandardCharsets.ISO_8859_1).startsWith(HEX_MARK)
                || contains(bytes, '%') || contains(bytes, ';')) {
            return HEX_MARK + HexFormat.of().formatHex(bytes);
        }
        return percent(bytes);
    }

    private static String percent(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length);
        for (byte x : bytes) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return b.toString();
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /**
     * One file name from its bytes, exactly: {@code Path.of(String)} would re-encode the text, so a
     * name that is not valid UTF-8 would name another file; a {@code file:} URI carries bytes.
     */
    static Path name(byte[] bytes) {
        return Path.of(URI.create("file:///" + percent(bytes))).getFileName();
    }

    /** A directory entry's name as bytes (its {@code toString()} may have replaced invalid UTF-8). */
    static byte[] nameBytes(Path entry) {
        String raw = entry.toAbsolutePath().toUri().getRawPath();
        if (raw.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1); // toUri() marks directories with a slash
        }
        String last = raw.substring(raw.lastIndexOf('/') + 1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(last.length());
        for (int i = 0; i < last.length(); i++) {
            if (last.charAt(i) == '%') {
                out.write(HexFormat.fromHexDigits(last, i + 1, i + 3));
                i += 2;
            } else {
                out.write(last.charAt(i)); // toUri() leaves only ASCII unescaped
            }
        }
        return out.toByteArray();
    }

    /** A name for showing: UTF-8 where it is valid, {@code \\xNN} for each byte where it is not, controls escaped. */
    static String text(byte[] bytes) {
        java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        StringBuilder b = new StringBuilder(bytes.length);
        while (true) {
            java.nio.charset.CoderResult r = d.decode(in, out, true);
            out.flip();
            b.append(out);
            out.clear();
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    b.append(String.format("\\x%02x", in.get() & 0xff));
                }
            } else if (r.isUnderflow()) {
                break;
            }
        }
        return b.toString();
    }

    private static boolean contains(byte[] bytes, int c) {
        for (byte b : bytes) {
            if (b == c) {
                return true;
            }
        }
        return false;
    }

    private List<Entry> list(Target t) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(t.path())) {
            for (Path p : ds) {
                if (out.size() >= MAX_ENTRIES) {
                    break;
                }
                byte[] raw = nameBytes(p);
                String name = text(raw);
                int mode = mode(p);
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                boolean dir = isType(mode, S_IFDIR);
                List<String> segs = new ArrayList<>(t.encoded());
                segs.add(encode(raw));
                String target = isType(mode, S_IFLNK) ? dev.pullback.Printable.escape(Files.readSymbolicLink(p).toString()) : null;
                String href = isType(mode, S_IFDIR) || isType(mode, S_IFLNK) ? t.hrefOf(segs, dir)
                        : isType(mode, S_IFREG) ? DOWNLOAD + t.hrefOf(segs, false).substring(PREFIX.length()) : null;
                out.add(new Entry(dev.pullback.Printable.escape(name), href, typeName(mode), a.size(),
                        a.lastModifiedTime().toInstant(), modeString(mode), target));
            }
        }
        out.sort(Comparator.comparing((Entry e) -> !e.type().equals("dir")).thenComparing(Entry::name));
        return out;
    }

    private ResponseEntity<StreamingResponseBody> download(Target t) throws IOException {
        long size = Files.size(t.path());
        String name = t.segments().getLast();
        StreamingResponseBody body = out -> {
            try (InputStream in = Files.newInputStream(t.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok().headers(attachment(name)).contentLength(size)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(body);
    }

    private ResponseEntity<StreamingResponseBody> zip(Target t) {
        String base = t.host().name() + "_" + t.snapshot() + (t.segments().isEmpty() ? "" : "_" + t.segments().getLast());
        StreamingResponseBody body = out -> writeZip(t.path(), out);
        return ResponseEntity.ok().headers(attachment(base + ".zip")).contentType(MediaType.parseMediaType("application/zip"))
                .body(body);
    }

    private ResponseEntity<StreamingResponseBody> tarZst(Target t) {
        String base = t.host().name() + "_" + t.snapshot() + (t.segments().isEmpty() ? "" : "_" + t.segments().getLast());
        byte[] member = t.encoded().isEmpty() ? DOT : relativeBytes(t);
        StreamingResponseBody body = out -> writeTarZst(t.snapshotDir(), member, out);
        return ResponseEntity.ok().headers(attachment(base + ".tar.zst"))
                .contentType(MediaType.parseMediaType("application/zstd")).body(body);
    }

    private static byte[] relativeBytes(Target t) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < t.encoded().size(); i++) {
            if (i > 0) {
                b.write('/');
            }
            b.writeBytes(decodeBytes(t.encoded().get(i)));
        }
        return b.toByteArray();
    }

    /**
     * {@code tar | zstd} streamed to {@code out}: GNU tar run in the snapshot directory on one
     * member, its name given as raw bytes on stdin ({@code --null -T -}), so any name works and
     * nothing outside the member is read. tar keeps symlinks as links (it never follows them),
     * hard links as links, and FIFOs and devices as entries without content. A tar or zstd
     * failure after the first bytes aborts the response, so a broken archive is never a
     * complete-looking download.
     */
    static void writeTarZst(Path snapshotDir, byte[] member, OutputStream out) throws IOException {
        ProcessBuilder tar = new ProcessBuilder("tar", "--format=posix", "--numeric-owner", "-C", snapshotDir.toString(),
                "-cf", "-", "--null", "--verbatim-files-from", "-T", "-");
        ProcessBuilder zstd = new ProcessBuilder("zstd", "-q", "-3", "-T0", "-c").redirectError(ProcessBuilder.Redirect.DISCARD);
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(tar, zstd));
        Process t = pipeline.getFirst();
        Process z = pipeline.getLast();
        // tar's complaints (an unreadable file) for the log: the first 4 KiB kept, the rest drained
        java.io.ByteArrayOutputStream complaints = new java.io.ByteArrayOutputStream();
        Thread stderr = Thread.ofVirtual().start(() -> {
            try (InputStream err = t.getErrorStream()) {
                complaints.write(err.readNBytes(4096));
                err.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the process is gone; nothing more to read
            }
        });
        boolean done = false;
        try {
            try (OutputStream names = t.getOutputStream()) {
                names.write(member);
                names.write(0);
            }
            try (InputStream in = z.getInputStream()) {
                in.transferTo(out);
            }
            int tarExit = t.waitFor();
            int zstdExit = z.waitFor();
            stderr.join(5_000);
            if (tarExit != 0 || zstdExit != 0) {
                String why = complaints.toString(StandardCharsets.UTF_8).strip();
                log.warn("folder download of {} aborted: tar exited {}, zstd {}: {}", snapshotDir, tarExit, zstdExit, why);
                throw new IOException("tar exited " + tarExit + ", zstd " + zstdExit + ": the archive is incomplete");
            }
            out.flush();
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while streaming the archive", e);
        } finally {
            if (!done) {
                pipeline.forEach(Process::destroyForcibly); // the client went away, or tar failed
            }
        }
    }

    /** Directories and regular files; symlinks, FIFOs, sockets and devices are left out (never followed, never opened). */
    static void writeZip(Path dir, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(dir)) {
                    ZipEntry e = new ZipEntry(rel(d) + "/");
                    e.setLastModifiedTime(attrs.lastModifiedTime());
                    zip.putNextEntry(e);
                    zip.closeEntry();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    ZipEntry e = new ZipEntry(rel(f));
                    e.setLastModifiedTime(FileTime.from(attrs.lastModifiedTime().toInstant()));
                    zip.putNextEntry(e);
                    try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE; // an unreadable entry is left out, the rest goes on
            }

            private String rel(Path p) {
                return dir.relativize(p).toString();
            }
        });
        zip.finish();
        zip.flush();
    }

    static HttpHeaders attachment(String filename) {
        HttpHeaders h = new HttpHeaders();
        h.setContentDisposition(ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build());
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Content-Security-Policy", "sandbox");
        return h;
    }

    private static String seg(String s) {
        return UriUtils.encodePathSegment(s, StandardCharsets.UTF_8);
    }

    static final int S_IFMT = 0170000;
    static final int S_IFSOCK = 0140000;
    static final int S_IFLNK = 0120000;
    static final int S_IFREG = 0100000;
    static final int S_IFBLK = 0060000;
    static final int S_IFDIR = 0040000;
    static final int S_IFCHR = 0020000;
    static final int S_IFIFO = 0010000;

    static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    static boolean isType(int mode, int type) {
        return (mode & S_IFMT) == type;
    }

    static String typeName(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFDIR -> "dir";
            case S_IFREG -> "file";
            case S_IFLNK -> "symlink";
            case S_IFIFO -> "fifo";
            case S_IFSOCK -> "socket";
            case S_IFCHR -> "char-device";
            case S_IFBLK -> "block-device";
            default -> "other";
        };
    }

    /** {@code ls -l}'s mode column: {@code drwxr-xr-x}. */
    static String modeString(int mode) {
        char t = switch (mode & S_IFMT) {
            case S_IFDIR -> 'd';
            case S_IFLNK -> 'l';
            case S_IFIFO -> 'p';
            case S_IFSOCK -> 's';
            case S_IFCHR -> 'c';
            case S_IFBLK -> 'b';
            default -> '-';
        };
        StringBuilder b = new StringBuilder().append(t);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            b.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        if ((mode & 04000) != 0) {
            b.setCharAt(3, b.charAt(3) == 'x' ? 's' : 'S');
        }
        if ((mode & 02000) != 0) {
            b.setCharAt(6, b.charAt(6) == 'x' ? 's' : 'S');
        }
        if ((mode & 01000) != 0) {
            b.setCharAt(9, b.charAt(9) == 'x' ? 't' : 'T');
        }
        return b.toString();
    }

    /**
     * An adopted snapshot (rsnapshot's, rsync-time-backup's): indexed by discovery with its own
     * directory, served only while that directory is a real directory inside the host directory or
     * inside the history its {@code adopted-history} link points to.
     */
    private java.util.Optional<Path> adopted(BackupLayout layout, String snapshot) {
        java.util.Optional<String> indexed = snapshots.path(layout.host(), snapshot);
        if (indexed.isEmpty()) {
            return java.util.Optional.empty();
        }
        Path dir = Path.of(indexed.get());
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        try {
            Path real = dir.toRealPath();
            boolean inside = real.startsWith(layout.hostDir().toRealPath()) || layout.adoptedHistory().map(real::startsWith).orElse(false);
            return inside ? java.util.Optional.of(real) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
