-- Self-service account security (issue 5). Independent of V10 (passkeys, another branch): it only
-- adds columns and tables of its own, so the two may be applied in either order (SqlStore migrates
-- with outOfOrder).

-- Sessions get a public id for their owner's list (random, never derived from the token or its
-- hash; NULL for sessions made before this migration until their owner lists them), the sign-in
-- method, and the address the sign-in came from.
ALTER TABLE session ADD COLUMN public_id VARCHAR(26);
ALTER TABLE session ADD COLUMN method VARCHAR(32);
ALTER TABLE session ADD COLUMN source VARCHAR(64);
CREATE UNIQUE INDEX session_public_id ON session (public_id);
CREATE INDEX session_by_account ON session (account_id, created_at);

-- A TOTP secret that its account is enrolling, sealed by the server like account.totp_secret, and
-- confirmed by a first code within ten minutes. One per account; gone with it.
CREATE TABLE totp_enrolment (
    id         VARCHAR(26) NOT NULL PRIMARY KEY,
    account_id VARCHAR(26) NOT NULL UNIQUE REFERENCES account (id) ON DELETE CASCADE,
    secret     ${bytes}    NOT NULL,
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL
);
CREATE INDEX totp_enrolment_expiry ON totp_enrolment (expires_at);

-- The web.release audit entry that published each web app bundle (SHA-256 of its files.txt, hex):
-- one per bundle, so nodes that start with the same bundle publish it once.
CREATE TABLE web_release (
    bundle       VARCHAR(64) NOT NULL PRIMARY KEY,
    pending_id   BIGINT      NOT NULL REFERENCES audit_entry (pending_id),
    published_at BIGINT      NOT NULL
);
