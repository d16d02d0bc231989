-- The admin token generated on first start when no API credentials are configured
-- (docs/decisions/0006-api-security.md). Only its SHA-256 is kept: the token itself is shown
-- once on the console and exists nowhere else.
CREATE TABLE generated_admin_token (
    id         SMALLINT     NOT NULL,
    token_hash VARCHAR(128) NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT generated_admin_token_pk PRIMARY KEY (id),
    CONSTRAINT generated_admin_token_single_row CHECK (id = 1)
);
