-- What an account's quota counts: the payload bytes of the envelopes it sent that are still stored
-- (expired ones count until the sweeper purges them, within a minute). Kept up to date by the
-- statements that create and delete envelopes, in their transaction, so an upload reads one row
-- instead of summing every envelope its sender has.
ALTER TABLE account ADD COLUMN bytes_stored BIGINT NOT NULL DEFAULT 0;
UPDATE account SET bytes_stored =
    (SELECT COALESCE(SUM(e.payload_length), 0) FROM envelope e WHERE e.sender_id = account.id);
