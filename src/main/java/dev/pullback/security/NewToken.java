package dev.pullback.security;

/** A token just created: {@code secret} is shown once and never stored (only its SHA-256). */
public record NewToken(ApiToken token, String secret) {
    @Override
    public String toString() {
        return "NewToken[" + token.name() + "]";
    }
}
