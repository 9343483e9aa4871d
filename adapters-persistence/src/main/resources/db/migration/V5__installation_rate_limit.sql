-- An installation's own rate limit (token bucket per replica); both null: the service default applies.
ALTER TABLE installation
    ADD COLUMN rate_limit_per_second integer,
    ADD COLUMN rate_limit_burst integer,
    ADD CONSTRAINT installation_rate_limit_whole
        CHECK ((rate_limit_per_second IS NULL) = (rate_limit_burst IS NULL)),
    ADD CONSTRAINT installation_rate_limit_sane
        CHECK (rate_limit_per_second IS NULL
            OR (rate_limit_per_second BETWEEN 1 AND 1000000
                AND rate_limit_burst BETWEEN rate_limit_per_second AND 1000000));
