-- Passkeys (WebAuthn credentials), the challenges of their ceremonies, and identity wraps.
-- Nothing here is secret: a passkey is its credential id and public key (the attested credential
-- data as the authenticator encoded it) with its signature counter; a challenge is random bytes
-- that the browser sees anyway; an identity wrap is an age file made in the owner's browser,
-- which the server cannot decrypt.

-- A credential id belongs to one passkey at most, so a sign-in names exactly one account.
-- (id, account_id) is unique so that an identity wrap can only name a passkey of its own account.
CREATE TABLE passkey (
    id                  VARCHAR(26)  NOT NULL PRIMARY KEY,
    account_id          VARCHAR(26)  NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    credential_id       ${bytes}     NOT NULL UNIQUE,
    name                VARCHAR(64)  NOT NULL,
    attested_credential ${bytes}     NOT NULL,
    sign_count          BIGINT       NOT NULL CHECK (sign_count >= 0 AND sign_count <= 4294967295),
    backup_eligible     BOOLEAN      NOT NULL,
    backup_state        BOOLEAN      NOT NULL,
    transports          VARCHAR(300) NOT NULL,
    prf                 BOOLEAN      NOT NULL,
    created_at          BIGINT       NOT NULL,
    last_used_at        BIGINT,
    UNIQUE (id, account_id)
);
CREATE INDEX passkey_account ON passkey (account_id, created_at);

-- Kept between the two requests of a ceremony, so that any node can finish it; deleted by its
-- first use and, unused, by the sweeper once expired.
CREATE TABLE webauthn_challenge (
    id         VARCHAR(26) NOT NULL PRIMARY KEY,
    purpose    VARCHAR(16) NOT NULL CHECK (purpose IN ('REGISTRATION', 'AUTHENTICATION')),
    account_id VARCHAR(26) REFERENCES account (id) ON DELETE CASCADE,
    challenge  ${bytes}    NOT NULL,
    expires_at BIGINT      NOT NULL
);
CREATE INDEX webauthn_challenge_expiry ON webauthn_challenge (expires_at);

-- A passkey wrap names a passkey of the same account and goes with it.
CREATE TABLE identity_wrap (
    id         VARCHAR(26)   NOT NULL PRIMARY KEY,
    account_id VARCHAR(26)   NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind       VARCHAR(16)   NOT NULL CHECK (kind IN ('PASSKEY', 'PASSPHRASE')),
    passkey_id VARCHAR(26),
    recipient  VARCHAR(4096) NOT NULL,
    wrapped    ${bytes}      NOT NULL,
    created_at BIGINT        NOT NULL,
    CHECK ((kind = 'PASSKEY' AND passkey_id IS NOT NULL)
        OR (kind = 'PASSPHRASE' AND passkey_id IS NULL)),
    FOREIGN KEY (passkey_id, account_id) REFERENCES passkey (id, account_id) ON DELETE CASCADE
);
CREATE INDEX identity_wrap_account ON identity_wrap (account_id, created_at);
CREATE INDEX identity_wrap_passkey ON identity_wrap (passkey_id);
