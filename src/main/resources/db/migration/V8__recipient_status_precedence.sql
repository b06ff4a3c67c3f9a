-- The one definition of how a recipient's overall status follows from the statuses of its lists: the most
-- severe list status wins (BLOCKLISTED > COMPLAINED > BOUNCED > ACTIVE > UNSUBSCRIBED). The projection
-- stores the overall status with it; a caller limited to some clients gets it combined from those clients'
-- lists at read time, with the same two functions, so the two can never disagree.
create function pulse_status_rank(status text) returns int
    language sql immutable parallel safe
    as $$ select case status when 'BLOCKLISTED' then 5 when 'COMPLAINED' then 4
                             when 'BOUNCED' then 3 when 'ACTIVE' then 2 else 1 end $$;

create function pulse_status_of_rank(status_rank int) returns text
    language sql immutable parallel safe
    as $$ select case status_rank when 5 then 'BLOCKLISTED' when 4 then 'COMPLAINED'
                                  when 3 then 'BOUNCED' when 2 then 'ACTIVE' else 'UNSUBSCRIBED' end $$;
