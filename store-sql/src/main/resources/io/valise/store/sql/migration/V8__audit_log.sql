-- The audit log (docs/audit.md). An action appends its entry in its own transaction with seq NULL;
-- the sequencer, one node at a time under the 'sequencer' lease and guarded by the compare-and-set
-- on audit_head, gives entries their index (seq), stores the hashes of the perfect subtrees the new
-- leaves complete (level 0: leaf hashes) and a signed checkpoint, all in one transaction.
-- ${identity} is an increasing integer primary key on both databases.
CREATE TABLE audit_entry (
    pending_id ${identity},
    seq        BIGINT UNIQUE,
    subject    VARCHAR(26),
    entry      ${bytes} NOT NULL
);
CREATE INDEX audit_entry_unsequenced ON audit_entry (pending_id) WHERE seq IS NULL;
CREATE INDEX audit_entry_subject ON audit_entry (subject, seq);

CREATE TABLE audit_node (
    level SMALLINT NOT NULL CHECK (level >= 0 AND level < 64),
    idx   BIGINT   NOT NULL CHECK (idx >= 0),
    hash  ${bytes} NOT NULL,
    PRIMARY KEY (level, idx)
);

-- One row: the size of the sequenced tree and its root (NULL for the empty tree).
CREATE TABLE audit_head (
    id   SMALLINT NOT NULL PRIMARY KEY CHECK (id = 1),
    size BIGINT   NOT NULL CHECK (size >= 0),
    root ${bytes}
);
INSERT INTO audit_head (id, size, root) VALUES (1, 0, NULL);

-- Signed checkpoints (C2SP signed notes), at most one per size: never two trees of one size.
CREATE TABLE audit_checkpoint (
    size      BIGINT   NOT NULL PRIMARY KEY,
    note      ${bytes} NOT NULL,
    signed_at BIGINT   NOT NULL
);

-- Witness cosignature lines, one per witness and checkpoint.
CREATE TABLE audit_cosignature (
    size        BIGINT        NOT NULL REFERENCES audit_checkpoint (size),
    witness     VARCHAR(255)  NOT NULL,
    line        VARCHAR(1024) NOT NULL,
    received_at BIGINT        NOT NULL,
    PRIMARY KEY (size, witness)
);
CREATE INDEX audit_cosignature_witness ON audit_cosignature (witness, size);

INSERT INTO lease (name, holder, expires_at) VALUES ('sequencer', '', 0);
