-- The per-target routes of each revision (docs/decisions/0015-per-target-routes.md), stored with
-- the revision they belong to and inserted in its transaction: one history for both resources.
-- Append-only like the revisions (a key rotation re-seals password_sealed in place). A revision
-- without routes has no rows here, so the revisions written before this table existed read back
-- with none.
CREATE TABLE proxy_config_route (
    revision        BIGINT         NOT NULL,
    -- 0, 1, 2… in decision order, as in routes[i] of an error and "route i" of a decision
    route_index     INTEGER        NOT NULL,
    -- the match in the no_proxy grammar, as normalized
    match_entries   VARCHAR(65536) NOT NULL,
    -- wire names, comma-separated (scim,inference,api)
    purposes        VARCHAR(64)    NOT NULL,
    -- direct | default | proxy; the columns below are the route's own proxy, '' / 0 / false otherwise
    via             VARCHAR(16)    NOT NULL,
    proxy_type      VARCHAR(16)    NOT NULL,
    url             VARCHAR(65536) NOT NULL,
    username        VARCHAR(1024)  NOT NULL,
    -- AES-256-GCM like proxy_config_revision.password_sealed, bound to (revision, route_index);
    -- the plain password is never written to the database.
    password_sealed VARCHAR(8192)  NOT NULL,
    timeout_seconds INTEGER        NOT NULL,
    skip_tls_verify BOOLEAN        NOT NULL,
    ca_cert_pem     VARCHAR(65536) NOT NULL,
    CONSTRAINT proxy_config_route_pk PRIMARY KEY (revision, route_index),
    CONSTRAINT proxy_config_route_revision_fk FOREIGN KEY (revision) REFERENCES proxy_config_revision (revision),
    CONSTRAINT proxy_config_route_index_range CHECK (route_index >= 0 AND route_index < 256),
    CONSTRAINT proxy_config_route_via_kind CHECK (via IN ('direct', 'default', 'proxy'))
);
