package dev.pullback.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated by an API token (never stored in a session). */
final class TokenAuthentication extends AbstractAuthenticationToken {
    private final ApiToken token;

    TokenAuthentication(ApiToken token) {
        super(Authorities.of(token.role(), token.mayDownload()));
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return token;
    }

    @Override
    public String getName() {
        return "token:" + token.name();
    }
}
