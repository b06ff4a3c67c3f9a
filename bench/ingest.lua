-- wrk script of the Campaign Pulse benchmark: POSTs deliveries of `batch` events, every event with an id
-- never used before (run prefix, thread number, counter), spread over `mailings` mailings and
-- `recipients` recipients like bench/LoadGen.java's events.
--
--   wrk -t2 -c32 -d30s -s bench/ingest.lua http://127.0.0.1:PORT/webhooks/optimizely -- \
--       <batch> <prefix> <mailings> <recipients> <requests per thread, 0 = until -d> <Authorization value> \
--       <deadline: epoch second after which no delivery is sent, 0 = none> [<seconds added to each event's `created`>]
--
-- The deadline lets every delivery in flight finish before wrk stops (give -d a few seconds more):
-- after it each connection sends only the start of a request header, which the service waits on
-- without storing anything and wrk never times, so rows stored = events acknowledged exactly.
-- Prints key=value lines at the end (read by bench/run.sh).

local threads = {}

function setup(thread)
   thread:set("tid", #threads)
   table.insert(threads, thread)
end

local types = { "sent", "sent", "sent", "sent", "open", "open", "open", "click", "click",
                "bounce", "unsubscribe", "open", "sent", "click", "spamcomplaint", "open", "sent", "sent", "open", "click" }

function init(args)
   batch = tonumber(args[1]) or 1
   prefix = args[2] or "wrk"
   mailings = tonumber(args[3]) or 1000
   recipients = tonumber(args[4]) or 100000
   quota = tonumber(args[5]) or 0
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["Authorization"] = args[6] or "Bearer bench-secret"
   deadline = tonumber(args[7]) or 0
   created_offset = tonumber(args[8]) or 0
   math.randomseed(os.time() + tid * 7919)
   counter = 0
   ok = 0
   failed = 0
   statuses = ""
end

local function event()
   counter = counter + 1
   local t = types[math.random(#types)]
   local mailing = 10230000001 + math.random(0, mailings - 1)
   local r = math.random(0, recipients - 1)
   local extra = ""
   if t == "click" then
      extra = string.format(',"link":"https://www.example.com/offers/%d?utm_source=newsletter"', math.random(0, 19))
   elseif t == "bounce" then
      local hard = math.random(3) == 1
      extra = string.format(',"category":"%s","reason":"other","thresholdExceeded":%s',
         hard and "hardbounce" or "softbounce", hard and "true" or "false")
   end
   return string.format('{"type":"%s","id":"%s-%d-%d","recipientId":"r%d@example.com","userListId":10180860004,'
      .. '"clientId":10180860001,"created":%d000,"subscriptionId":%d,"mailId":"M%d-%d","mailingId":%d,'
      .. '"mediaTypesToAddresses":{"EMAIL":"r%d@example.com"},"mediaType":"EMAIL"%s}',
      t, prefix, tid, counter, r, os.time() + created_offset, 10227900000 + r, mailing, r, mailing, r, extra)
end

local unfinished = "POST /webhooks/optimizely HTTP/1.1\r\nHost: 127.0.0.1\r\n"

function request()
   if deadline > 0 and os.time() >= deadline then
      return unfinished
   end
   local events = {}
   for i = 1, batch do
      events[i] = event()
   end
   return wrk.format(nil, nil, nil, "[" .. table.concat(events, ",") .. "]")
end

function response(status, headers, body)
   if status == 200 then
      ok = ok + 1
   else
      failed = failed + 1
      if failed <= 3 then
         statuses = statuses .. status .. ":" .. string.sub(body or "", 1, 120) .. " | "
      end
   end
   if quota > 0 and ok + failed >= quota then
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local total_ok, total_failed, sample = 0, 0, ""
   for _, t in ipairs(threads) do
      total_ok = total_ok + t:get("ok")
      total_failed = total_failed + t:get("failed")
      sample = sample .. (t:get("statuses") or "")
   end
   local e = summary.errors
   io.write(string.format("requests_ok=%d\n", total_ok))
   io.write(string.format("requests_failed=%d\n", total_failed))
   io.write(string.format("events_acked=%d\n", total_ok * threads[1]:get("batch")))
   io.write(string.format("socket_errors=%d\n", e.connect + e.read + e.write + e.timeout))
   io.write(string.format("timeouts=%d\n", e.timeout))
   io.write(string.format("duration_us=%d\n", summary.duration))
   io.write(string.format("lat_p50_us=%d\n", latency:percentile(50)))
   io.write(string.format("lat_p99_us=%d\n", latency:percentile(99)))
   io.write(string.format("lat_max_us=%d\n", latency.max))
   io.write(string.format("failure_sample=%s\n", string.gsub(sample, "\n", " ")))
end
