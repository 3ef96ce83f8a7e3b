package dev.pullback.web;

import dev.pullback.InvalidInputException;
import dev.pullback.host.Host;
import dev.pullback.host.HostChanges;
import dev.pullback.host.Transport;
import java.util.Arrays;
import java.util.List;

/**
 * The host page's config form. The form always sends every field, so an unticked box means
 * false and an empty list box means an empty list; the values go through the same
 * {@link dev.pullback.host.HostService#update} rules as configure-host and {@code PUT /api/hosts/{host}}.
 */
public class HostForm {
    private String transport = "ssh";
    private String address = "";
    private String user = "";
    private String port = "";
    private String identityFile = "";
    private String sources = "";
    private String excludes = "";
    private boolean defaultExcludes;
    private String rsyncOptions = "";
    private String sshOptions = "";
    private String bwlimitKbps = "";
    private boolean fakeSuper;
    private boolean acls;
    private boolean xattrs;
    private boolean acceptPartial;
    private boolean enabled;

    public static HostForm of(Host h) {
        HostForm f = new HostForm();
        f.transport = h.transport().id();
        f.address = nz(h.address());
        f.user = nz(h.user());
        f.port = h.port() == null ? "" : h.port().toString();
        f.identityFile = nz(h.identityFile());
        f.sources = String.join("\n", h.sources());
        f.excludes = String.join("\n", h.excludes());
        f.defaultExcludes = h.defaultExcludes();
        f.rsyncOptions = String.join("\n", h.rsyncOptions());
        f.sshOptions = String.join("\n", h.sshOptions());
        f.bwlimitKbps = h.bwlimitKbps() == null ? "" : h.bwlimitKbps().toString();
        f.fakeSuper = h.fakeSuper();
        f.acls = h.acls();
        f.xattrs = h.xattrs();
        f.acceptPartial = h.acceptPartial();
        f.enabled = h.enabled();
        return f;
    }

    HostChanges changes() {
        return new HostChanges(Transport.parse(transport.trim()), address.trim(), user.trim(), number("port", port),
                identityFile.trim(), lines(sources), lines(excludes), defaultExcludes, lines(rsyncOptions),
                lines(sshOptions), number("bwlimit", bwlimitKbps), fakeSuper, acls, xattrs, acceptPartial, enabled);
    }

    private static Integer number(String field, String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number, got '" + s.trim() + "'");
        }
    }

    private static List<String> lines(String s) {
        return s == null ? List.of() : Arrays.stream(s.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public String getTransport() { return transport; }
    public void setTransport(String v) { transport = v == null ? "" : v; }
    public String getAddress() { return address; }
    public void setAddress(String v) { address = v == null ? "" : v; }
    public String getUser() { return user; }
    public void setUser(String v) { user = v == null ? "" : v; }
    public String getPort() { return port; }
    public void setPort(String v) { port = v == null ? "" : v; }
    public String getIdentityFile() { return identityFile; }
    public void setIdentityFile(String v) { identityFile = v == null ? "" : v; }
    public String getSources() { return sources; }
    public void setSources(String v) { sources = v == null ? "" : v; }
    public String getExcludes() { return excludes; }
    public void setExcludes(String v) { excludes = v == null ? "" : v; }
    public boolean isDefaultExcludes() { return defaultExcludes; }
    public void setDefaultExcludes(boolean v) { defaultExcludes = v; }
    public String getRsyncOptions() { return rsyncOptions; }
    public void setRsyncOptions(String v) { rsyncOptions = v == null ? "" : v; }
    public String getSshOptions() { return sshOptions; }
    public void setSshOptions(String v) { sshOptions = v == null ? "" : v; }
    public String getBwlimitKbps() { return bwlimitKbps; }
    public void setBwlimitKbps(String v) { bwlimitKbps = v == null ? "" : v; }
    public boolean isFakeSuper() { return fakeSuper; }
    public void setFakeSuper(boolean v) { fakeSuper = v; }
    public boolean isAcls() { return acls; }
    public void setAcls(boolean v) { acls = v; }
    public boolean isXattrs() { return xattrs; }
    public void setXattrs(boolean v) { xattrs = v; }
    public boolean isAcceptPartial() { return acceptPartial; }
    public void setAcceptPartial(boolean v) { acceptPartial = v; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean v) { enabled = v; }
}
