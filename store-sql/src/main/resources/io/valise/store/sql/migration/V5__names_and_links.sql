-- Account and group names share one namespace: each name is claimed once here, in the same
-- transaction as the account or group that takes it, so the unique key decides between two
-- concurrent creations on any number of nodes. A deleted group gives its name back.
CREATE TABLE principal_name (
    name VARCHAR(64) NOT NULL PRIMARY KEY
);
INSERT INTO principal_name (name) SELECT name FROM account UNION SELECT name FROM account_group;

-- A share link now carries its own age header (one stanza wrapping the envelope's file key to the
-- link's identity, made by the client) and the account that made it. No route created links
-- before this version, so the table is empty and is rebuilt with the new columns NOT NULL.
DROP TABLE share_link;
CREATE TABLE share_link (
    id            VARCHAR(26)  NOT NULL PRIMARY KEY,
    envelope_id   VARCHAR(26)  NOT NULL REFERENCES envelope (id) ON DELETE CASCADE,
    header        ${bytes}     NOT NULL,
    created_by    VARCHAR(26)  NOT NULL REFERENCES account (id),
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
