#!/usr/bin/env python3
"""A tiny stand-in for Atrium, only for testing the benchmark harness itself (never for numbers).

    python3 bench/test/fake-atrium.py --port 18080 [--ingest-rate 20000] [--names bench/data/names.txt]

Serves, on 127.0.0.1 only, just enough of the real API shapes for the harness scripts:
  GET  /actuator/health                                  {"status":"UP"}
  GET  /actuator/metrics/<name>[?tag=...]                Micrometer-style {"name","measurements":[...]}
  GET  /catalog?kind=component                           an HTML table of 50 rows
  GET  /api/catalog/entities/by-query?filter=kind=K&limit=N  {items,totalItems,pageInfo{nextCursor}}
  GET  /api/catalog/entities/by-query?cursor=C&limit=N   next page (cursor = base64 JSON offset)
  GET  /api/catalog/entities/by-name/K/NS/NAME           200 for loaded entities, else 404
  POST /api/catalog/locations {"type":"file","target"}   201; loads the Location tree in the
                                                         background at --ingest-rate entities/s,
                                                         relations appear --relations-lag s later
  GET  /sleep/<ms>                                       200 after sleeping ms milliseconds
  GET  /status/<code>                                    that status
  GET  /stats                                            {"requests": {path-prefix: count}}
"""

import argparse
import base64
import json
import os
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

LOCK = threading.Lock()
ENTITIES = []            # list of (kind_lower, name)
BY_KIND = {}             # kind_lower -> list of names
NAMES = set()            # (kind_lower, name_lower)
RELATIONS_READY = {}     # (kind_lower, name_lower) -> monotonic time when relations exist
REQUESTS = {}
LOCATIONS = {}
ARGS = None


def count(prefix):
    with LOCK:
        REQUESTS[prefix] = REQUESTS.get(prefix, 0) + 1


def scan(path):
    kind = None
    with open(path) as fh:
        for line in fh:
            if line.startswith("kind: "):
                kind = line[6:].strip()
            elif line.startswith("  name: ") and kind:
                yield kind, line[8:].strip()
                kind = None


def load_tree(root):
    """Yield (kind, name) for the Location tree under root, depth first, like a real reader would."""
    targets = []
    for kind, name in scan(root):
        yield kind, name
    if open(root).read().find("kind: Location") >= 0:
        base = os.path.dirname(root)
        for line in open(root):
            m = re.match(r"^\s+- (\S+)$", line)
            if m:
                targets.append(os.path.normpath(os.path.join(base, m.group(1))))
    for t in targets:
        yield from load_tree(t)


def ingest(root):
    rate = ARGS.ingest_rate
    start = time.monotonic()
    n = 0
    for kind, name in load_tree(root):
        n += 1
        due = start + n / rate
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        k = kind.lower()
        with LOCK:
            ENTITIES.append((k, name))
            BY_KIND.setdefault(k, []).append(name)
            NAMES.add((k, name.lower()))
            RELATIONS_READY[(k, name.lower())] = time.monotonic() + ARGS.relations_lag


def entity_json(kind, name, with_relations):
    e = {"apiVersion": "backstage.io/v1alpha1", "kind": kind.capitalize(),
         "metadata": {"name": name, "namespace": "default", "uid": f"uid-{name}"},
         "spec": {"type": "service", "owner": "team-x"}, "relations": []}
    if with_relations:
        e["relations"] = [{"type": "ownedBy", "targetRef": "group:default/team-x"}]
    return e


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):  # quiet
        pass

    def send(self, status, body, ctype="application/json"):
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        u = urlsplit(self.path)
        q = parse_qs(u.query)
        p = u.path
        if ARGS.delay_ms and not p.startswith(("/stats", "/actuator")):
            time.sleep(ARGS.delay_ms / 1000)
        if p == "/stats":
            with LOCK:
                return self.send(200, {"requests": dict(REQUESTS)})
        if p.startswith("/sleep/"):
            count("/sleep/" + p.split("/")[2])
            time.sleep(int(p.split("/")[2]) / 1000)
            return self.send(200, {"slept": p})
        if p.startswith("/status/"):
            count(p)
            return self.send(int(p.split("/")[2]), {"status": p})
        if p == "/actuator/health":
            count(p)
            return self.send(200, {"status": "UP"})
        if p.startswith("/actuator/metrics/"):
            count("/actuator/metrics")
            name = p[len("/actuator/metrics/"):]
            values = {"jvm.memory.used": 123 * 1048576, "jvm.memory.committed": 256 * 1048576,
                      "jvm.memory.max": 512 * 1048576, "jvm.gc.live.data.size": 80 * 1048576,
                      "jvm.memory.usage.after.gc": 0.2, "process.cpu.usage": 0.001}
            if name not in values:
                return self.send(404, "")
            return self.send(200, {"name": name, "measurements": [{"statistic": "VALUE", "value": values[name]}],
                                   "availableTags": []})
        if p == "/catalog":
            count(p)
            kind = q.get("kind", ["component"])[0].lower()
            with LOCK:
                names = BY_KIND.get(kind, [])[:50]
            rows = "".join(f"<tr><td><a href='/catalog/default/{kind}/{n}'>{n}</a></td></tr>" for n in names)
            return self.send(200, f"<!doctype html><html><body><table>{rows}</table></body></html>",
                             "text/html;charset=UTF-8")
        if p == "/api/catalog/entities/by-query":
            count(p + ("?cursor" if "cursor" in q else ""))
            limit = int(q.get("limit", ["20"])[0])
            if "cursor" in q:
                c = json.loads(base64.urlsafe_b64decode(q["cursor"][0]))
                kind, offset = c["kind"], c["offset"]
            else:
                kind, offset = None, 0
                for f in q.get("filter", []):
                    m = re.match(r"kind=(\w+)", f)
                    if m:
                        kind = m.group(1).lower()
            with LOCK:
                pool = BY_KIND.get(kind, []) if kind else [n for _, n in ENTITIES]
                total = len(pool)
                page = pool[offset:offset + limit]
            items = [entity_json(kind or "component", n, False) for n in page]
            info = {}
            if offset + limit < total:
                cur = {"kind": kind, "offset": offset + limit}
                info["nextCursor"] = base64.urlsafe_b64encode(json.dumps(cur).encode()).decode()
            if offset > 0:
                info["prevCursor"] = base64.urlsafe_b64encode(
                    json.dumps({"kind": kind, "offset": max(0, offset - limit)}).encode()).decode()
            return self.send(200, {"items": items, "totalItems": total, "pageInfo": info})
        m = re.match(r"^/api/catalog/entities/by-name/([^/]+)/([^/]+)/([^/]+)$", p)
        if m:
            count("/api/catalog/entities/by-name")
            kind, ns, name = (unquote(x) for x in m.groups())
            key = (kind.lower(), name.lower())
            with LOCK:
                found = key in NAMES
                ready = found and RELATIONS_READY[key] <= time.monotonic()
            if not found:
                return self.send(404, {"error": {"name": "NotFoundError",
                                                 "message": f"No entity named '{name}' found, with kind '{kind}' in namespace '{ns}'"}})
            return self.send(200, entity_json(kind, name, ready))
        count("404")
        return self.send(404, {"error": {"name": "NotFoundError", "message": p}})

    def do_POST(self):
        u = urlsplit(self.path)
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        if u.path == "/api/catalog/locations":
            count(u.path)
            target = body.get("target", "")
            key = f"{body.get('type', 'url')}:{target}"
            if key in LOCATIONS:
                return self.send(409, {"error": {"name": "ConflictError", "message": f"Location {key} already exists"}})
            if not os.path.isfile(target):
                return self.send(400, {"error": {"name": "InputError", "message": f"{target} not found"}})
            loc = {"id": f"loc-{len(LOCATIONS) + 1}", "type": body.get("type"), "target": target}
            LOCATIONS[key] = loc
            threading.Thread(target=ingest, args=(target,), daemon=True).start()
            return self.send(201, {"location": loc, "entities": []})
        return self.send(404, {"error": {"name": "NotFoundError", "message": u.path}})


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=18080)
    ap.add_argument("--ingest-rate", type=float, default=20000, help="entities per second")
    ap.add_argument("--relations-lag", type=float, default=1.0, help="seconds until relations appear")
    ap.add_argument("--delay-ms", type=float, default=0, help="added to every catalog request")
    ap.add_argument("--preload", help="catalog.yaml to load at start (no ingest delay)")
    ARGS = ap.parse_args()
    if ARGS.preload:
        ARGS.ingest_rate, lag = 1e12, ARGS.relations_lag
        ARGS.relations_lag = 0
        ingest(ARGS.preload)
        ARGS.relations_lag = lag
    server = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    server.daemon_threads = True
    print(f"fake-atrium on http://127.0.0.1:{ARGS.port} ({len(ENTITIES)} entities preloaded)", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
