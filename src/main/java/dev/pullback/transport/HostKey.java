package dev.pullback.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * One public host key: its ssh type name ({@code ssh-ed25519}), the base64 blob, and the
 * {@code SHA256:...} fingerprint {@code ssh-keygen -l} prints (SHA-256 of the blob, unpadded base64).
 */
public record HostKey(String sshType, String blob) {

    /** ED25519, ECDSA, RSA: the short type ssh-keygen -l and ssh's warnings print. */
    public String type() {
        if (sshType.contains("ed25519")) {
            return "ED25519";
        }
        if (sshType.startsWith("ecdsa")) {
            return "ECDSA";
        }
        if (sshType.contains("rsa")) {
            return "RSA";
        }
        return sshType.toUpperCase(java.util.Locale.ROOT);
    }

    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(blob));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (IllegalArgumentException e) {
            return "SHA256:? (not a base64 key)";
        }
    }

    @Override
    public String toString() {
        return type() + " " + fingerprint();
    }
}
