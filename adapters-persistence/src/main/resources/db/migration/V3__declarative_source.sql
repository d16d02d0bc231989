-- The declarative configuration last applied at start-up (seed mode: applied again only when it
-- changed; docs/decisions/0008-postgresql-and-propagation.md). One row at most. The fingerprint is
-- keyed (HMAC) so it reveals nothing of the values, the proxy password included.
CREATE TABLE declarative_source (
    id          SMALLINT     NOT NULL,
    fingerprint VARCHAR(128) NOT NULL,
    CONSTRAINT declarative_source_pk PRIMARY KEY (id),
    CONSTRAINT declarative_source_single_row CHECK (id = 1)
);
