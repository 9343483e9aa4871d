"""Issue 11 reproductions (run by bench/edge-cases.sh): token edge cases, strict HTTP/1 and a client abort."""
import base64, hashlib, hmac, json, socket, sys, time, urllib.request, urllib.error

PORT = int(sys.argv[1]); ADMIN_KEY = sys.argv[2].encode()
BASE = f"http://127.0.0.1:{PORT}"

def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def sign(header, payload, key, alg=hashlib.sha256):
    inp = b64(header.encode()) + "." + b64(payload.encode())
    return inp + "." + b64(hmac.new(key, inp.encode(), alg).digest())

def http(method, path, headers=None, body=None):
    req = urllib.request.Request(BASE + path, method=method, headers=headers or {}, data=body)
    try:
        with urllib.request.urlopen(req) as r: return r.status, r.read().decode()
    except urllib.error.HTTPError as e: return e.code, e.read().decode()

now = int(time.time())
def admin(alg="HS256", h=hashlib.sha256, roles=["ADMIN"]):
    return sign(json.dumps({"alg": alg, "typ": "JWT"}), json.dumps({"sub": "redteam", "roles": roles, "iat": now, "exp": now + 300}), ADMIN_KEY, h)

tok = admin()
st, body = http("POST", "/admin/installations", {"Authorization": "Bearer " + tok, "Content-Type": "application/json"},
                json.dumps({"name": "Red team", "site_url": f"https://rt{now}.example.com"}).encode())
inst = json.loads(body); iid, secret = inst["id"], inst["secret"].encode()
site = inst["site_url"]
call_body = json.dumps({"path": "/info", "context": {"app_id": "hello-jwt", "mattermost_site_url": site, "acting_user": {"id": "u1"}}}).encode()

def call(token):
    return http("POST", f"/i/{iid}/info", {"Mattermost-App-Authorization": "Bearer " + token, "Content-Type": "application/json"}, call_body)[0]

H = '{"alg":"HS256","typ":"JWT"}'
good = sign(H, json.dumps({"exp": now + 600, "acting_user_id": "u1"}), secret)
while "-" not in good.split(".")[2] and "_" not in good.split(".")[2]:
    now += 1; good = sign(H, json.dumps({"exp": now + 600, "acting_user_id": "u1"}), secret)
sig = good.split(".")[2]; signed = good[: good.rfind(".") + 1]
alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
rows = [("call: well signed", call(good))]
rows += [(f"call: payload {p}", call(sign(H, p, secret))) for p in [
    '{"exp":%d,"acting_user_id":"u1","acting_user_id":"admin"}' % (now + 600), "not json",
    '{"exp":1e400,"acting_user_id":"u1"}', '{"exp":%d,"nbf":%d,"acting_user_id":"u1"}' % (now + 600, now + 300),
    '{"exp":%d,"iat":%d,"acting_user_id":"u1"}' % (now + 600, now + 300)]]
rows += [("call: signature + '='", call(good + "=")),
         ("call: signature in +/", call(signed + sig.replace("-", "+").replace("_", "/"))),
         ("call: '!' inserted", call(signed + sig[:8] + "!" + sig[8:])),
         ("call: unused bits of last char", call(signed + sig[:-1] + alpha[alpha.index(sig[-1]) ^ 1]))]

def admin_status(token): return http("GET", "/admin/installations", {"Authorization": "Bearer " + token})[0]
a = admin(); asig = a.split(".")[2]
rows += [("admin: HS256", admin_status(a)), ("admin: HS384", admin_status(admin("HS384", hashlib.sha384))),
         ("admin: HS512", admin_status(admin("HS512", hashlib.sha512))), ("admin: + '='", admin_status(a + "=")),
         ("admin: unused bits of last char", admin_status(a[:-1] + alpha[alpha.index(asig[-1]) ^ 1])),
         ("admin: roles \"ADMIN\" (string)", admin_status(admin(roles="ADMIN")))]

def raw(data, wait=5):
    s = socket.create_connection(("127.0.0.1", PORT)); s.settimeout(wait); s.sendall(data.encode()); out = b""
    try:
        while True:
            chunk = s.recv(8192)
            if not chunk: return out.decode(errors="replace"), "closed"
            out += chunk
    except socket.timeout: return out.decode(errors="replace"), "open after 5 s"
    finally: s.close()

def post(h, b): return f"POST /i/{iid}/info HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{h}\r\n{b}"
smuggled = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
for name, req in [("http: CL + TE chunked", post("Content-Length: 4\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n") + smuggled),
                  ("http: TE chunked, identity", post("Transfer-Encoding: chunked, identity\r\n", "0\r\n\r\n") + smuggled),
                  ("http: 20 kB header", "GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: " + "x" * 20000 + "\r\n\r\n"),
                  ("http: 20 kB request line", "GET /health?" + "x" * 20000 + " HTTP/1.1\r\nHost: x\r\n\r\n")]:
    out, state = raw(req)
    rows.append((name, f"{out[9:12]} ({out.count('HTTP/1.1')} response(s), connection {state})"))

s = socket.create_connection(("127.0.0.1", PORT))
part = '{"path":"/info","context":{'
s.sendall((f"POST /i/{iid}/info HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nMattermost-App-Authorization: Bearer {good}\r\nContent-Length: 50000\r\n\r\n" + part).encode())
time.sleep(0.3); s.close(); time.sleep(1.5)
for name, result in rows: print(f"{name:40s} {result}")
