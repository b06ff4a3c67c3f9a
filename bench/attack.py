"""The attack suite of bench/attack.sh: phases run one after the other while liveness and RSS are sampled."""
import http.client, json, socket, subprocess, sys, threading, time, uuid

port, pid, token, db, heap = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
# liveness is probed where Kubernetes probes it: the management port (the public port is under attack)
management_port = int(sys.argv[6]) if len(sys.argv) > 6 else port
stop = threading.Event()
samples = {"rss_kib": 0, "live_max_ms": 0.0, "live_failed": 0, "live_n": 0}
acked = []      # (prefix, events) answered 200
refused = {}    # status -> count


def rss():
    while not stop.is_set():
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    samples["rss_kib"] = max(samples["rss_kib"], int(line.split()[1]))
        time.sleep(0.1)


def liveness():
    while not stop.is_set():
        start = time.monotonic()
        try:
            c = http.client.HTTPConnection("127.0.0.1", management_port, timeout=5)
            c.request("GET", "/q/health/live")
            ok = c.getresponse().status == 200
            c.close()
        except OSError:
            ok = False
        ms = (time.monotonic() - start) * 1000
        samples["live_n"] += 1
        samples["live_max_ms"] = max(samples["live_max_ms"], ms)
        if not ok:
            samples["live_failed"] += 1
        time.sleep(0.2)


def body(prefix, target_bytes):
    pad = "p" * 4000
    events, size, i = [], 2, 0
    while True:
        e = json.dumps({"type": "open", "id": f"{prefix}-{i}", "recipientId": f"r{i}@example.com", "mailingId": 7,
                        "created": 1617108060000, "pad": pad})
        if size + len(e) + 1 > target_bytes:
            break
        events.append(e)
        size += len(e) + 1
        i += 1
    return ("[" + ",".join(events) + "]").encode(), i


def deliver(payload, events, prefix):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        c.request("POST", "/webhooks/optimizely", payload, {"Content-Type": "application/json", "Authorization": token})
        r = c.getresponse()
        r.read()
        c.close()
        if r.status == 200:
            acked.append((prefix, events))
        else:
            refused[r.status] = refused.get(r.status, 0) + 1
    except OSError as e:
        refused[type(e).__name__] = refused.get(type(e).__name__, 0) + 1


def big_deliveries(rounds=3, concurrent=8):
    for _ in range(rounds):
        threads = []
        for _ in range(concurrent):
            prefix = "atk-" + uuid.uuid4().hex
            payload, n = body(prefix, 10 * 1024 * 1024 - 1024)
            t = threading.Thread(target=deliver, args=(payload, n, prefix))
            threads.append(t)
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def slowloris(connections=64, seconds=40):
    socks = []
    for _ in range(connections):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall((f"POST /webhooks/optimizely HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   f"Authorization: {token}\r\nContent-Length: 100000\r\n\r\n[").encode())
        socks.append(s)
    closed_by_server, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        for s in list(socks):
            try:
                s.sendall(b" ")
            except OSError:
                socks.remove(s)
                closed_by_server += 1
        time.sleep(2)
    for s in socks:
        s.close()
    return closed_by_server


def idle(connections=2000, seconds=15):
    socks = []
    for _ in range(connections):
        try:
            socks.append(socket.create_connection(("127.0.0.1", port)))
        except OSError:
            break
    time.sleep(seconds)
    opened = len(socks)
    for s in socks:
        s.close()
    return opened


for f in (rss, liveness):
    threading.Thread(target=f, daemon=True).start()
t0 = time.monotonic()
big_deliveries()
closed = slowloris()
opened = idle()
# small deliveries alongside, to show the service still serves
for _ in range(20):
    p = "small-" + uuid.uuid4().hex
    deliver(json.dumps([{"type": "open", "id": f"{p}-0"}]).encode(), 1, p)
stop.set()
lost = 0
for prefix, events in acked:
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-tAc",
                          f"select count(*) from event where event_id like '{prefix}-%'"], capture_output=True, text=True)
    if int(out.stdout.strip()) != events:
        lost += 1
print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} heap {heap}, {time.monotonic() - t0:.0f} s")
print(f"  8 x 10 MiB deliveries x 3 rounds, 64 slowloris bodies for 40 s, {opened} idle connections for 15 s, 20 small deliveries")
print(f"  answered 200: {len(acked)}; refused: {refused}; slowloris connections closed by the service: {closed}/64")
print(f"  RSS peak: {samples['rss_kib'] // 1024} MiB; liveness: {samples['live_n']} probes, max {samples['live_max_ms']:.0f} ms, "
      f"failed {samples['live_failed']}")
print(f"  acknowledged deliveries not stored whole: {lost}")
