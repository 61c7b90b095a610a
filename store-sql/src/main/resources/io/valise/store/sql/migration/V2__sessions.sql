-- Sessions and brute-force state, kept in the metadata store so that every node sees them.
-- A session is stored only as the SHA-256 hash of its token (64 hex digits): a stolen database
-- holds no usable token.

CREATE TABLE session (
    token_hash   VARCHAR(64) NOT NULL PRIMARY KEY,
    account_id   VARCHAR(26) NOT NULL REFERENCES account (id),
    created_at   BIGINT      NOT NULL,
    last_seen_at BIGINT      NOT NULL
);
CREATE INDEX session_last_seen ON session (last_seen_at);

-- One row per subject (account, share link, source address bucket); version makes writes
-- optimistic so that two nodes failing the same subject at once never lose a point.
CREATE TABLE brute_force (
    subject      VARCHAR(200) NOT NULL PRIMARY KEY,
    score        INTEGER      NOT NULL,
    score_at     BIGINT       NOT NULL,
    strikes      INTEGER      NOT NULL,
    banned_until BIGINT,
    version      BIGINT       NOT NULL
);
