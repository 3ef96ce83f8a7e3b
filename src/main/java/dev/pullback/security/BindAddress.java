package dev.pullback.security;

import java.util.regex.Pattern;

/** Whether the server listens on loopback only: then only people on this machine can reach it. */
public final class BindAddress {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private BindAddress() {
    }

    /** Literal checks only (no DNS): an empty address means every interface. */
    public static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.strip().toLowerCase(java.util.Locale.ROOT);
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        return a.equals("localhost") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1") || IPV4_LOOPBACK.matcher(a).matches();
    }

    /** Refuses a server reachable from other machines while no one can log in (anyone could be first). */
    public static void checkStart(String address, long users) {
        if (users == 0 && !isLoopback(address)) {
            throw new IllegalStateException("refusing to listen on " + (address == null || address.isBlank() ? "every interface" : address)
                    + " (PULLBACK_BIND) without any user: create the first admin first with "
                    + "'pullback user add NAME --role admin', or bind to 127.0.0.1");
        }
    }
}
