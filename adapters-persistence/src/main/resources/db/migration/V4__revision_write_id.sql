-- Which unit of work appended a revision (docs/decisions/0009-riding-through-the-database.md): a
-- random id per attempt, so that after a connection lost during the commit, the writer can tell
-- whether its revision landed, and neither applies it twice nor reports a success as a failure.
-- NULL for the revisions written before this column existed.
ALTER TABLE proxy_config_revision ADD COLUMN write_id VARCHAR(36);
