-- One installation per Mattermost server: http:// and https:// of the same host, port and path are the same server.
CREATE UNIQUE INDEX installation_site_key ON installation ((regexp_replace(site_url, '^https?://', '')));
