-- A record is known by its owner and its id together. Ids are chosen by the browser (so a
-- retried form stores one record) or derived from another record's id: with one global key, one
-- person could take an id another person would need, or learn whether it exists. Now each
-- person's ids are their own.
ALTER TABLE records DROP CONSTRAINT records_pkey;
ALTER TABLE records ADD PRIMARY KEY (owner_id, id);
