-- Proxy failover (docs/decisions/0016-proxy-failover.md): more proxies of the same type and
-- credentials, tried in order when the url's proxy cannot be used, for the main configuration and
-- for each route's own proxy. The URLs are stored one per line (a URL holds no control character:
-- the rules refuse one), '' for none; the cool-down in seconds. Rows written before this migration
-- read back with no fallback and the default cool-down.
ALTER TABLE proxy_config_revision ADD COLUMN fallback_urls VARCHAR(65536) DEFAULT '' NOT NULL;
ALTER TABLE proxy_config_revision ADD COLUMN fallback_cooldown INTEGER DEFAULT 60 NOT NULL;
ALTER TABLE proxy_config_route ADD COLUMN fallback_urls VARCHAR(65536) DEFAULT '' NOT NULL;
ALTER TABLE proxy_config_route ADD COLUMN fallback_cooldown INTEGER DEFAULT 60 NOT NULL;
