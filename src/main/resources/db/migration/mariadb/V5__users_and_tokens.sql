-- People who log in to the dashboard (and the API with a session). Only a password hash is kept
-- ({bcrypt}... through Spring's DelegatingPasswordEncoder, so the algorithm can change later).
CREATE TABLE users (
    name          VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    can_download  BOOLEAN      NOT NULL,
    -- counts password changes: a login session made before the last change ends at its next request
    password_version INTEGER   NOT NULL,
    created_at    VARCHAR(32)  NOT NULL,
    updated_at    VARCHAR(32)  NOT NULL
);

-- Bearer tokens for scripts: only the SHA-256 of the token is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    name          VARCHAR(64)  NOT NULL PRIMARY KEY,
    token_hash    VARCHAR(64)  NOT NULL UNIQUE,
    role          VARCHAR(16)  NOT NULL,
    can_download  BOOLEAN      NOT NULL,
    created_at    VARCHAR(32)  NOT NULL,
    last_used_at  VARCHAR(32)
);
