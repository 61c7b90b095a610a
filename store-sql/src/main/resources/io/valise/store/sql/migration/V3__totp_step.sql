-- The last TOTP time step used by each account: a code for that step or an earlier one is refused,
-- so a code seen over a shoulder or in a log works once. Advanced by one conditional UPDATE, so
-- two nodes accepting the same code at once cannot both win.
ALTER TABLE account ADD COLUMN totp_last_step BIGINT;
