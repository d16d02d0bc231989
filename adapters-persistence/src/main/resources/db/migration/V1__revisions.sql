-- The revision store (docs/decisions/0002-revision-storage.md).
-- Portable SQL: runs on H2 2.x and PostgreSQL. Unquoted lower-case names only.

-- Every accepted configuration, append-only: rows are inserted, never updated or deleted
-- (except by a key rotation, which re-seals password_sealed in place).
CREATE TABLE proxy_config_revision (
    revision             BIGINT                    NOT NULL,
    -- microsecond precision in both H2 and PostgreSQL; always written in UTC
    created_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor                VARCHAR(1024)             NOT NULL,
    enabled              BOOLEAN                   NOT NULL,
    proxy_type           VARCHAR(16)               NOT NULL,
    url                  VARCHAR(65536)            NOT NULL,
    username             VARCHAR(1024)             NOT NULL,
    -- AES-256-GCM ciphertext ("v1:" + base64(nonce || ciphertext || tag)), '' when no password.
    -- The plain password is never written to the database.
    password_sealed      VARCHAR(8192)             NOT NULL,
    no_proxy             VARCHAR(65536)            NOT NULL,
    timeout_seconds      INTEGER                   NOT NULL,
    skip_tls_verify      BOOLEAN                   NOT NULL,
    enable_for_scim      BOOLEAN                   NOT NULL,
    enable_for_inference BOOLEAN                   NOT NULL,
    enable_for_api       BOOLEAN                   NOT NULL,
    ca_cert_pem          VARCHAR(65536)            NOT NULL,
    CONSTRAINT proxy_config_revision_pk PRIMARY KEY (revision),
    CONSTRAINT proxy_config_revision_number_positive CHECK (revision >= 1)
);

-- The single head row: the number of the revision in force (0 = none yet). Every write
-- transaction starts with SELECT ... FOR UPDATE on it, so writers are serialized and never
-- compute the same next number; it is updated in the same transaction as the revision insert.
CREATE TABLE proxy_config_head (
    id              SMALLINT NOT NULL,
    latest_revision BIGINT   NOT NULL,
    CONSTRAINT proxy_config_head_pk PRIMARY KEY (id),
    CONSTRAINT proxy_config_head_single_row CHECK (id = 1),
    CONSTRAINT proxy_config_head_not_negative CHECK (latest_revision >= 0)
);

INSERT INTO proxy_config_head (id, latest_revision) VALUES (1, 0);

-- A known constant sealed with the encryption key on first start; opening it at later starts
-- proves the key is the one the database was written with. Written by the application, not here,
-- because a migration has no key.
CREATE TABLE key_check (
    id     SMALLINT     NOT NULL,
    sealed VARCHAR(512) NOT NULL,
    CONSTRAINT key_check_pk PRIMARY KEY (id),
    CONSTRAINT key_check_single_row CHECK (id = 1)
);
