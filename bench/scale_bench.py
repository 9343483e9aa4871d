#!/usr/bin/env python3
"""Helpers for bench/scale.sh: register many installations through the admin API in parallel, and time the first
verified call of installations a replica has not cached yet."""
import concurrent.futures, http.client, json, os, statistics, sys, threading, time

sys.path.insert(0, os.path.dirname(__file__))
from gatehouse_bench import jwt  # noqa: E402


def register_bulk(port: int, admin_secret: str, count: int, threads: int, out_file: str) -> None:
    """POST /admin/installations `count` times on `threads` keep-alive connections; writes "id secret" lines."""
    token = jwt(admin_secret, {"sub": "scale", "roles": ["ADMIN"], "exp": int(time.time()) + 6 * 3600})
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    local = threading.local()
    lock = threading.Lock()
    started = time.monotonic()
    with open(out_file, "w") as out:
        def one(n: int) -> None:
            if not hasattr(local, "conn"):
                local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            body = json.dumps({"name": f"scale {n}", "site_url": f"https://scale-{n}.example.com"})
            for attempt in range(5):
                try:
                    local.conn.request("POST", "/admin/installations", body=body, headers=headers)
                    resp = local.conn.getresponse()
                    answer = json.loads(resp.read())
                    break
                except (OSError, http.client.HTTPException):
                    local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            if resp.status == 503 and attempt < 4:
                time.sleep(0.2)
                return one(n)
            if resp.status != 201:
                raise SystemExit(f"register {n} failed: {resp.status} {answer}")
            with lock:
                out.write(f"{answer['id']} {answer['secret']} https://scale-{n}.example.com\n")
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            for _ in pool.map(one, range(count), chunksize=256):
                pass
    print(f"{count} installations in {time.monotonic() - started:.0f} s")


def call_body(site: str) -> str:
    user_id = "k86a9cy93f8azx7jjiy5xfq5jc"
    return json.dumps({"path": "/bindings", "expand": {"acting_user": "summary"},
                       "context": {"app_id": "", "mattermost_site_url": site,
                                   "acting_user": {"id": user_id, "username": "alice", "roles": "system_user"}}})


def first_calls(port: int, ids_file: str, skip: int, count: int) -> None:
    """Times one verified call to each of `count` installations (lines skip..skip+count of ids_file), then a second
    call to each: the first ones find nothing in the cache, the second ones do. Prints p50/p99/max of both in ms."""
    with open(ids_file) as f:
        rows = [line.split() for line in f][skip:skip + count]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    prepared = []
    for iid, secret, site in rows:
        token = jwt(secret, {"exp": int(time.time()) + 10 * 60, "acting_user_id": "k86a9cy93f8azx7jjiy5xfq5jc"})
        prepared.append((iid, call_body(site),
                         {"Content-Type": "application/json", "Mattermost-App-Authorization": f"Bearer {token}"}))

    def run() -> list:
        times = []
        for iid, body, headers in prepared:
            t0 = time.perf_counter()
            conn.request("POST", f"/i/{iid}/bindings", body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            times.append((time.perf_counter() - t0) * 1000)
            if resp.status != 200:
                raise SystemExit(f"call to {iid} answered {resp.status}: {data[:200]}")
        return sorted(times)

    def summary(t: list) -> str:
        return (f"p50 {statistics.median(t):.2f} ms, p99 {t[int(len(t) * 0.99) - 1]:.2f} ms, "
                f"max {t[-1]:.2f} ms")
    first = run()
    second = run()
    print(f"first call of {count} uncached installations: {summary(first)}; "
          f"second call (cached): {summary(second)}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "register":
        register_bulk(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    elif cmd == "first-calls":
        first_calls(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        raise SystemExit(f"unknown command {cmd}")
