-- The one definition of a hard bounce: the provider's bounce category starts with "hard" ("hard",
-- "hardbounce", "HARD_BOUNCE", ...), case-insensitively; no category is not hard. The statistics and the
-- recipient status both count with it, so the two cannot disagree. A plain SQL function, immutable:
-- PostgreSQL inlines it into the queries that call it, so it costs nothing over the expression it holds.
create function pulse_is_hard_bounce(bounce_category text) returns boolean
    language sql immutable parallel safe
    as $$ select coalesce(lower(bounce_category) like 'hard%', false) $$;
