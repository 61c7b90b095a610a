-- API tokens for automation. Like sessions, a token is stored only as the SHA-256 hash of its
-- value (64 hex digits), so a stolen database holds no usable token. Scopes are the
-- comma-separated list of TokenScope labels; every token expires.
CREATE TABLE api_token (
    id         VARCHAR(26)  NOT NULL PRIMARY KEY,
    token_hash VARCHAR(64)  NOT NULL UNIQUE,
    account_id VARCHAR(26)  NOT NULL REFERENCES account (id),
    scopes     VARCHAR(100) NOT NULL,
    created_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX api_token_account ON api_token (account_id);
CREATE INDEX api_token_expiry ON api_token (expires_at);
