#!/usr/bin/env python3
"""Helpers for bench/run.sh: mint JWTs exactly as Mattermost does, register installations, write wrk inputs."""
import base64, hashlib, hmac, http.client, json, sys, time


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(secret: str, claims: dict) -> str:
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = b64(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}".encode()
    sig = hmac.new(secret.encode(), signing_input, hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(sig)}"


def register(port: int, admin_secret: str, count: int, first_site: str) -> dict:
    """Registers installations until `count` exist; returns the first one's id and secret."""
    token = jwt(admin_secret, {"sub": "bench", "roles": ["ADMIN"], "exp": int(time.time()) + 3600})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    conn.request("GET", "/admin/installations?page=0&size=1", headers=headers)
    existing = json.loads(conn.getresponse().read())["total"]
    first = None
    for n in range(existing, count):
        site = first_site if n == 0 else f"https://bench-{n}.example.com"
        conn.request("POST", "/admin/installations", body=json.dumps({"name": f"bench {n}", "site_url": site}), headers=headers)
        resp = conn.getresponse()
        body = json.loads(resp.read())
        if resp.status != 201:
            raise SystemExit(f"register failed: {resp.status} {body}")
        if n == 0:
            first = {"id": body["id"], "secret": body["secret"]}
            # The bench drives one installation at tens of thousands of calls a second: give it a limit of its own
            # that never refuses, so the bucket is taken on every call (its cost measured) but never empties.
            conn.request("PATCH", f"/admin/installations/{body['id']}",
                         body=json.dumps({"rate_limit": {"per_second": 1000000, "burst": 1000000}}), headers=headers)
            resp = conn.getresponse()
            patched = resp.read()
            if resp.status != 200:
                raise SystemExit(f"setting the bench installation's rate limit failed: {resp.status} {patched}")
    return first


def adopt_command(port: int, admin_secret: str, installation_id: str, team_id: str, command_token: str) -> None:
    """Hands Gatehouse a team's slash command token, as an operator does for a command made by hand."""
    token = jwt(admin_secret, {"sub": "bench", "roles": ["ADMIN"], "exp": int(time.time()) + 3600})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("PUT", f"/admin/installations/{installation_id}/commands/{team_id}",
                 body=json.dumps({"token": command_token}),
                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    resp = conn.getresponse()
    body = resp.read()
    if resp.status != 200:
        raise SystemExit(f"adopting the command failed: {resp.status} {body}")


def write_command_inputs(port: int, admin_secret: str, inst: dict, site: str, out_dir: str) -> None:
    """A slash command exactly as Mattermost posts it (form fields of app/command.go), text=info."""
    team_id, command_token = "mqq7ksnacbf9udd7gkwg1xtxho", "kq9r4ntw8p3cyd6zbf1ajh5mxe"
    adopt_command(port, admin_secret, inst["id"], team_id, command_token)
    trigger = base64.b64encode(b"7xq4ztk3wbg8pd6iqhn1ydsy3a:k86a9cy93f8azx7jjiy5xfq5jc:1764633600000:" + b"s" * 96).decode()
    fields = {
        "channel_id": "9yr1fbkxmbdfxquz1d1fj8zm4w", "channel_name": "town-square", "command": "/hello-jwt",
        "response_url": f"{site}/hooks/commands/1kq8sd8dz3bpbyxrmr1ugdbu9a", "team_domain": "bench",
        "team_id": team_id, "text": "info", "token": command_token, "trigger_id": trigger,
        "user_id": "k86a9cy93f8azx7jjiy5xfq5jc", "user_name": "alice",
    }
    from urllib.parse import urlencode
    form = urlencode(fields)
    with open(f"{out_dir}/command.form", "w") as f:
        f.write(form)
    with open(f"{out_dir}/command.lua", "w") as f:
        f.write('wrk.method = "POST"\n')
        f.write(f'wrk.body = [[{form}]]\n')
        f.write('wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n')
        f.write('wrk.headers["Accept"] = "application/json"\n')
        f.write(f'wrk.headers["Authorization"] = "Token {command_token}"\n')
    with open(f"{out_dir}/command-token", "w") as f:
        f.write(command_token)


def write_inputs(port: int, inst: dict, site: str, out_dir: str) -> None:
    user_id = "k86a9cy93f8azx7jjiy5xfq5jc"
    token = jwt(inst["secret"], {"exp": int(time.time()) + 15 * 60, "acting_user_id": user_id})
    body = {
        "path": "/bindings",
        "expand": {"acting_user": "summary"},
        "context": {
            "app_id": "", "mattermost_site_url": site, "app_path": "/plugins/com.mattermost.apps/apps/hello-jwt",
            "bot_user_id": "3sjcm1ztkbfhpnddz389ycq1pe", "bot_access_token": "tt59irtaopd7fegi3taamd7dxw", "oauth2": {},
            "acting_user": {"id": user_id, "username": "alice", "email": "alice@example.com", "roles": "system_user",
                            "first_name": "", "last_name": "", "nickname": "", "position": "", "locale": "en",
                            "is_bot": False, "delete_at": 0, "timezone": {"useAutomaticTimezone": "true"}},
        },
    }
    with open(f"{out_dir}/bindings.json", "w") as f:
        json.dump(body, f)
    with open(f"{out_dir}/bindings.lua", "w") as f:
        f.write('wrk.method = "POST"\n')
        f.write(f'wrk.body = [[{json.dumps(body)}]]\n')
        f.write('wrk.headers["Content-Type"] = "application/json"\n')
        f.write(f'wrk.headers["Mattermost-App-Authorization"] = "Bearer {token}"\n')
    with open(f"{out_dir}/token", "w") as f:
        f.write(token)
    with open(f"{out_dir}/id", "w") as f:
        f.write(inst["id"])


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "register":
        port, admin_secret, count, site, out_dir = int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
        inst_file = f"{out_dir}/first.json"
        inst = register(port, admin_secret, count, site)
        if inst is not None:
            with open(inst_file, "w") as f:
                json.dump(inst, f)
        with open(inst_file) as f:
            first = json.load(f)
        write_inputs(port, first, site, out_dir)
        write_command_inputs(port, admin_secret, first, site, out_dir)
