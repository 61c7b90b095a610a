-- Leases for jobs that one node at a time should run (the sweeper). A node takes or renews a lease
-- with one conditional UPDATE (free, run out, or already its own), so the database decides who
-- holds it; a node that dies simply stops renewing and its lease runs out. Rows are made here, one
-- per job; holder '' and expires_at 0 mean nobody ever held it.
CREATE TABLE lease (
    name       VARCHAR(64) NOT NULL PRIMARY KEY,
    holder     VARCHAR(64) NOT NULL,
    expires_at BIGINT      NOT NULL
);
INSERT INTO lease (name, holder, expires_at) VALUES ('sweeper', '', 0);
