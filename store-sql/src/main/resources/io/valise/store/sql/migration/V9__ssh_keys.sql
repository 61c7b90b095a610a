-- SSH public keys that accounts log in to the SFTP gateway with. Only public keys are stored:
-- public_key is the canonical OpenSSH text (algorithm and base64 blob, no comment), fingerprint
-- its SHA-256 fingerprint as ssh-keygen prints it. A fingerprint belongs to one account at most,
-- so a login by key names exactly one account. The keys go with their account.
CREATE TABLE ssh_key (
    id          VARCHAR(26)  NOT NULL PRIMARY KEY,
    account_id  VARCHAR(26)  NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    algorithm   VARCHAR(64)  NOT NULL,
    public_key  TEXT         NOT NULL,
    fingerprint VARCHAR(64)  NOT NULL UNIQUE,
    comment     VARCHAR(200) NOT NULL,
    added_at    BIGINT       NOT NULL
);
CREATE INDEX ssh_key_account ON ssh_key (account_id, added_at);
