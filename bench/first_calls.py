#!/usr/bin/env python3
"""The first verified calls after a start, as Mattermost makes them: usage first_calls.py PORT OUT_DIR [N].

Sends N (100) JWT-verified POST /i/{id}/bindings one after the other, each on a new connection (Mattermost's install
ping opens one), and prints "first_ms second_slowest_ms max_ms" (milliseconds, client-side, connect included).
Reads the installation id, a token and the body written by gatehouse_bench.py register."""
import http.client, sys, time

port, out, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 100
iid = open(f"{out}/id").read().strip()
token = open(f"{out}/token").read().strip()
body = open(f"{out}/bindings.json", "rb").read()
headers = {"Content-Type": "application/json", "Mattermost-App-Authorization": f"Bearer {token}"}
took = []
for _ in range(n):
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", f"/i/{iid}/bindings", body=body, headers=headers)
    resp = conn.getresponse()
    answer = resp.read()
    took.append((time.perf_counter() - t0) * 1000)
    conn.close()
    if resp.status != 200 or b'"type":"ok"' not in answer:
        raise SystemExit(f"call failed: {resp.status} {answer[:200]!r}")
ranked = sorted(took, reverse=True)
print(f"{took[0]:.1f} {ranked[1]:.1f} {ranked[0]:.1f}")
