#!/usr/bin/env python3
"""SQL statements per request and median latency, for one or more builds of `solidaires`.

For each binary given, in the same run: a fresh PostgreSQL cluster that logs every statement
(`log_statement = all`), the demo network, the server on a free port; then, signed in as
AMQR staff, each measured request is sent and the statements PostgreSQL logged for it are
counted (the smallest count over a few tries, so a background job's statements never count).
Diesel does not pipeline: each statement is one client/server round trip.

Latency: median over REPEAT requests of each (accept: one fresh referral per request, made by
the CCAS beforehand). Not a test: figures for docs/performance.md.

    cargo build --bin solidaires
    python3 tests/perf/sql_rounds.py before=/tmp/solidaires-before after=target/debug/solidaires
"""

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

PG_BIN = next(
    (d for d in sorted(os.listdir("/usr/lib/postgresql"), reverse=True)),
    None,
)
PG_BIN = f"/usr/lib/postgresql/{PG_BIN}/bin" if PG_BIN else ""
REPEAT = int(os.environ.get("REPEAT", "100"))
PASSWORD = "solidaires-demo-2026"


def as_postgres(args, **kw):
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    return subprocess.run(args, check=True, **kw)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="sqlrounds-")
        os.chmod(self.dir, 0o777)
        self.data = os.path.join(self.dir, "data")
        self.log = os.path.join(self.dir, "postgres.log")
        as_postgres([f"{PG_BIN}/initdb", "-D", self.data, "-U", "postgres", "-A", "trust"],
                    stdout=subprocess.DEVNULL)
        open(self.log, "w").close()
        os.chmod(self.log, 0o666)
        as_postgres([f"{PG_BIN}/pg_ctl", "-D", self.data, "-l", self.log, "-w", "start", "-o",
                     f"-c listen_addresses='' -c unix_socket_directories={self.dir} "
                     "-c log_statement=all -c log_line_prefix='%m [%p] '"],
                    stdout=subprocess.DEVNULL)
        as_postgres([f"{PG_BIN}/createdb", "-h", self.dir, "-U", "postgres", "solidaires"])
        self.url = f"postgres://postgres@/solidaires?host={self.dir}"

    def log_size(self):
        return os.path.getsize(self.log)

    def statements_since(self, offset):
        with open(self.log, encoding="utf-8", errors="replace") as f:
            f.seek(offset)
            text = f.read()
        lines = [line.split("LOG:  ", 1)[1][:110] for line in text.splitlines()
                 if "LOG:  statement:" in line or "LOG:  execute" in line]
        if os.environ.get("SHOW"):
            print("\n".join(lines), end="\n\n", file=sys.stderr)
        return len(lines)

    def stop(self):
        as_postgres([f"{PG_BIN}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"],
                    stdout=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)


class Api:
    def __init__(self, url):
        self.url = url

    def call(self, method, path, token=None, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        start = time.perf_counter()
        with urllib.request.urlopen(req) as resp:
            payload = resp.read()
        elapsed = (time.perf_counter() - start) * 1000
        return (json.loads(payload) if payload else None), elapsed

    def token(self, email):
        body, _ = self.call("POST", "/api/v1/auth/login", body={"email": email, "password": PASSWORD})
        return body["access_token"]

    def org(self, token, short):
        me, _ = self.call("GET", "/api/v1/me", token)
        return next(m["organisation_id"] for m in me["memberships"]
                    if m["organisation_short_name"].startswith(short))


def referral_body(structure, i):
    return {
        "structure_id": structure, "first_name": "Mesure", "last_name": f"Famille{i}",
        "birth_year": 1985, "preferred_contact": "phone", "phone": f"06 40 00 {i // 100:02d} {i % 100:02d}",
        "commune": "Raismes", "needs": ["no_computer"],
        "consent": {"given_on": time.strftime("%Y-%m-%d"), "text_version": "2026-09"},
        "share_progress": True,
    }


def measure(binary):
    cluster = Cluster()
    server = None
    try:
        env = dict(os.environ, DATABASE_URL=cluster.url, RUST_LOG="warn")
        subprocess.run([binary, "seed-demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen(
            [binary, "serve", "--bind", f"127.0.0.1:{port}", "--spa-dir", "/nonexistent",
             "--jwt-secret", "x" * 40, "--workers", "2"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        api = Api(f"http://127.0.0.1:{port}")
        for _ in range(200):
            try:
                api.call("GET", "/api/health")
                break
            except Exception:
                time.sleep(0.1)
        staff = api.token("animatrice@amqr.test")
        amqr = api.org(staff, "AMQR")
        ccas_token = api.token("agent@ccas.test")
        fresh = []
        for i in range(REPEAT + 5):
            ccas = api.org(ccas_token, "CCAS")
            body, _ = api.call("POST", f"/api/v1/orgs/{ccas}/referrals", ccas_token,
                               referral_body(amqr, i))
            fresh.append(body["id"])
        inbox, _ = api.call("GET", f"/api/v1/orgs/{amqr}/referrals?limit=50", staff)
        detail_id = fresh[0]
        requests = {
            "accept": lambda: ("POST", f"/api/v1/orgs/{amqr}/referrals/{fresh.pop()}/accept", {}),
            "inbox list (50)": lambda: ("GET", f"/api/v1/orgs/{amqr}/referrals?limit=50", None),
            "inbox counters": lambda: ("GET", f"/api/v1/orgs/{amqr}/referrals/counters", None),
            "referral detail": lambda: ("GET", f"/api/v1/orgs/{amqr}/referrals/{detail_id}", None),
            "household search": lambda: ("GET", f"/api/v1/orgs/{amqr}/households?q=ben", None),
        }
        results = {}
        for name, make in requests.items():
            counts = []
            for _ in range(3):
                method, path, body = make()
                before = cluster.log_size()
                api.call(method, path, staff, body)
                time.sleep(0.3)
                counts.append(cluster.statements_since(before))
            times = []
            for _ in range(REPEAT if name != "accept" else min(REPEAT, len(fresh))):
                method, path, body = make()
                times.append(api.call(method, path, staff, body)[1])
            results[name] = (min(counts), statistics.median(times))
        assert inbox["items"], "the demo inbox is empty"
        return results
    finally:
        if server:
            server.terminate()
            server.wait()
        cluster.stop()


def main():
    builds = [arg.split("=", 1) for arg in sys.argv[1:]] or [["current", "target/debug/solidaires"]]
    figures = {label: measure(os.path.abspath(path)) for label, path in builds}
    labels = [label for label, _ in builds]
    header = "| request | " + " | ".join(f"{l}: statements | {l}: median ms" for l in labels) + " |"
    print(header)
    print("|---" * (1 + 2 * len(labels)) + "|")
    for name in next(iter(figures.values())):
        cells = []
        for label in labels:
            count, median = figures[label][name]
            cells += [str(count), f"{median:.2f}"]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
