#!/usr/bin/env bash
# Prints the pgbench transaction of the prepared-insert ceiling: one INSERT of 100 rows shaped like the service's
# (same columns, payload size and type mix). Used by bench/run.sh (part 2) and bench/scale.sh, so both measure the
# same ceiling.
#
#   bench/ceiling-insert.sh MAILINGS RECIPIENTS WITH_EVENT_AT   (WITH_EVENT_AT=1 when event has the partition key)
#
# The ids come from the sequence ceiling_event_id, which the caller creates. No ":word" in the SQL: pgbench would read
# it as a variable.
set -euo pipefail
MAILINGS=$1
RECIPIENTS=$2
HAS_EVENT_AT=$3
echo "insert into event (event_id, type, provider_type, client_id, recipient_id, user_list_id, mailing_id, mail_id,"
echo "  subscription_id, media_type, address, occurred_at, received_at, bounce_category, bounce_reason,"
echo "  threshold_exceeded, link, payload$([ "$HAS_EVENT_AT" = 1 ] && echo ", event_at")) values"
awk -v n=100 -v mailings="$MAILINGS" -v recipients="$RECIPIENTS" -v with_at="$HAS_EVENT_AT" 'BEGIN {
  srand(11); split("sent sent sent sent open open open click click bounce unsubscribe open sent click spamcomplaint open sent sent open click", types, " ")
  for (i = 1; i <= n; i++) {
    t = types[int(rand() * 20) + 1]; m = 10230000001 + int(rand() * mailings); r = int(rand() * recipients)
    T = toupper(t); if (t == "spamcomplaint") T = "SPAM_COMPLAINT"
    link = "null"; cat = "null"; reason = "null"; thr = "null"; extra = ""
    if (t == "click") { l = sprintf("https://www.example.com/offers/%d?utm_source=newsletter", int(rand() * 20)); link = "'\''" l "'\''"; extra = ",\"link\":\"" l "\"" }
    if (t == "bounce") { cat = "'\''softbounce'\''"; reason = "'\''other'\''"; thr = "false"; extra = ",\"category\":\"softbounce\",\"reason\":\"other\",\"thresholdExceeded\": false" }
    id = "'\''pgb-'\'' || nextval('\''ceiling_event_id'\'')"
    payload = sprintf("{\"type\":\"%s\",\"id\":\"pgb-%d\",\"recipientId\":\"r%d@example.com\",\"userListId\":10180860004,\"clientId\":10180860001,\"created\":1764331200000,\"subscriptionId\":%d,\"mailId\":\"M%d-%d\",\"mailingId\":%d,\"mediaTypesToAddresses\":{\"EMAIL\":\"r%d@example.com\"},\"mediaType\":\"EMAIL\"%s}", t, i, r, 10227900000 + r, m, r, m, r, extra)
    printf "(%s, '\''%s'\'', '\''%s'\'', 10180860001, '\''r%d@example.com'\'', 10180860004, %d, '\''M%d-%d'\'', %d, '\''EMAIL'\'', '\''r%d@example.com'\'', now(), now(), %s, %s, %s, %s, '\''%s'\''%s)%s\n",
      id, T, t, r, m, m, r, 10227900000 + r, r, cat, reason, thr, link, payload, (with_at == 1 ? ", now()" : ""), (i < n ? "," : ";")
  }
}'
