-- Valise metadata, for SQLite and PostgreSQL alike. ${bytes} is BLOB on SQLite and BYTEA on
-- PostgreSQL (a Flyway placeholder, the only difference between the two). Ids are the 26-character
-- base32 text of 128 random bits. Times are epoch milliseconds (BIGINT) so that both databases
-- compare them the same way. No table holds plaintext, file names or keys: headers and metadata
-- are age ciphertext made by the client, TOTP secrets are encrypted by the server's key.

CREATE TABLE account (
    id            VARCHAR(26)  NOT NULL PRIMARY KEY,
    name          VARCHAR(64)  NOT NULL UNIQUE,
    kind          VARCHAR(16)  NOT NULL CHECK (kind IN ('PERSON', 'SYSTEM')),
    admin         BOOLEAN      NOT NULL,
    password_hash VARCHAR(512),
    totp_secret   ${bytes},
    created_at    BIGINT       NOT NULL,
    disabled_at   BIGINT
);

CREATE TABLE account_group (
    id         VARCHAR(26) NOT NULL PRIMARY KEY,
    name       VARCHAR(64) NOT NULL UNIQUE,
    created_at BIGINT      NOT NULL
);

CREATE TABLE group_member (
    group_id   VARCHAR(26) NOT NULL REFERENCES account_group (id) ON DELETE CASCADE,
    account_id VARCHAR(26) NOT NULL REFERENCES account (id),
    PRIMARY KEY (group_id, account_id)
);
CREATE INDEX group_member_account ON group_member (account_id);

CREATE TABLE published_key (
    id           VARCHAR(26)   NOT NULL PRIMARY KEY,
    account_id   VARCHAR(26)   NOT NULL REFERENCES account (id),
    recipient    VARCHAR(4096) NOT NULL,
    kind         VARCHAR(16)   NOT NULL CHECK (kind IN ('X25519', 'MLKEM768X25519')),
    published_at BIGINT        NOT NULL,
    revoked_at   BIGINT,
    UNIQUE (account_id, recipient)
);

CREATE TABLE envelope (
    id             VARCHAR(26) NOT NULL PRIMARY KEY,
    sender_id      VARCHAR(26) NOT NULL REFERENCES account (id),
    created_at     BIGINT      NOT NULL,
    expires_at     BIGINT      NOT NULL,
    max_downloads  INTEGER     CHECK (max_downloads IS NULL OR max_downloads > 0),
    downloads      INTEGER     NOT NULL CHECK (downloads >= 0),
    payload_blob   VARCHAR(26) NOT NULL UNIQUE,
    payload_length BIGINT      NOT NULL CHECK (payload_length >= 0),
    header         ${bytes}    NOT NULL,
    metadata       ${bytes}    NOT NULL,
    CHECK (expires_at > created_at)
);
CREATE INDEX envelope_sender ON envelope (sender_id, created_at);
CREATE INDEX envelope_expiry ON envelope (expires_at);

CREATE TABLE envelope_recipient (
    envelope_id VARCHAR(26) NOT NULL REFERENCES envelope (id) ON DELETE CASCADE,
    account_id  VARCHAR(26) NOT NULL REFERENCES account (id),
    PRIMARY KEY (envelope_id, account_id)
);
CREATE INDEX envelope_recipient_account ON envelope_recipient (account_id);

CREATE TABLE share_link (
    id            VARCHAR(26)  NOT NULL PRIMARY KEY,
    envelope_id   VARCHAR(26)  NOT NULL REFERENCES envelope (id) ON DELETE CASCADE,
    created_at    BIGINT       NOT NULL,
    expires_at    BIGINT       NOT NULL,
    max_downloads INTEGER      CHECK (max_downloads IS NULL OR max_downloads > 0),
    downloads     INTEGER      NOT NULL CHECK (downloads >= 0),
    password_hash VARCHAR(512),
    revoked_at    BIGINT,
    CHECK (expires_at > created_at)
);
CREATE INDEX share_link_envelope ON share_link (envelope_id);
CREATE INDEX share_link_expiry ON share_link (expires_at);
