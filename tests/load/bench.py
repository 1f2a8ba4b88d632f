#!/usr/bin/env python3
"""Load benchmark: the release binary on the demo network and the scale data set, against
the two limits of this machine measured in the same run.

For each endpoint: wrk (Lua, several signed-in people, `CONNS` connections) gives
throughput, p50/p95/p99 and errors; pgbench replays the very SQL the endpoint ran (captured
from PostgreSQL's log for one request: same statements, same values, same socket, same role
switch) for the database's limit; wrk on a JSON answer of the same size made in memory by
the same binary (`SOLIDAIRES_BENCH_ECHO`), for the HTTP limit. Then the API's RSS (idle, peak) and
a sign-in burst: the throughput of `GET /me` alone and while 16 connections sign in.

Not a test: figures for docs/performance.md. Prints a table, writes JSON.

    cargo build --release --bin solidaires
    python3 tests/load/bench.py                    # data in .bench/ (seeded once, minutes)
    DURATION=10 CONNS=32 python3 tests/load/bench.py --out tests/load/results/latest.json

Needs wrk and PostgreSQL 15's pgbench (Debian: `apt-get install wrk postgresql`).
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PG_BIN = "/usr/lib/postgresql/15/bin"
DURATION = int(os.environ.get("DURATION", "8"))
CONNS = int(os.environ.get("CONNS", "32"))
DEMO_PASSWORD = "solidaires-demo-2026"
SCALE_PASSWORD = "echelle-solidaires-2026"
LUA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rotate.lua")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, **kw):
    done = subprocess.run(args, text=True, capture_output=True, **kw)
    if done.returncode != 0:
        raise SystemExit(f"{args[0]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return done


class Server:
    """`solidaires serve` on the data folder (logging as in production: one line per
    request, to a file), with the echo route for the HTTP limit."""

    def __init__(self, binary, data_dir, static_dir, log_filter="info"):
        self.port = free_port()
        self.log = open(os.path.join(data_dir, "bench-server.log"), "w")
        env = dict(os.environ, SOLIDAIRES_SPA_DIR=static_dir, SOLIDAIRES_BENCH_ECHO="true",
                   RUST_LOG=log_filter)
        env.pop("DATABASE_URL", None)
        self.proc = subprocess.Popen(
            [binary, "--data-dir", data_dir, "serve", "--no-demo",
             "--bind", f"127.0.0.1:{self.port}"],
            stdout=self.log, stderr=self.log, env=env)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if self.request("GET", "/api/ready")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("the server did not become ready; see bench-server.log")

    def request(self, method, path, token=None, body=None, headers=None):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method)
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, data, timeout=30) as res:
                return res.status, res.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()

    def login(self, email, password):
        status, body = self.request("POST", "/api/v1/auth/login",
                                    body={"email": email, "password": password})
        if status != 200:
            raise SystemExit(f"sign-in of {email}: {status} {body[:200]!r}")
        return json.loads(body)["access_token"]

    def rss_kib(self, field):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)


class Sql:
    """psql on the embedded cluster's socket, as its owner."""

    def __init__(self, data_dir):
        self.host = os.path.join(data_dir, "postgres")

    def query(self, sql, user="solidaires"):
        args = [f"{PG_BIN}/psql", "-h", self.host, "-U", user, "-d", "solidaires",
                "-At", "-v", "ON_ERROR_STOP=1", "-c", sql]
        return run(args).stdout.strip()

    def log_statements(self, on):
        self.query(f"ALTER SYSTEM SET log_statement = '{'all' if on else 'none'}'", "solidaires")
        self.query("SELECT pg_reload_conf()")
        time.sleep(0.3)


def captured_transaction(sql, log_path, send, key=None):
    """The statements PostgreSQL logged while `send()` ran, with their values in place."""
    sql.log_statements(True)
    start = os.path.getsize(log_path)
    send()
    time.sleep(0.3)
    sql.log_statements(False)
    with open(log_path, errors="replace") as f:
        f.seek(start)
        text = f.read()
    statements = []
    pending = None
    for line in text.splitlines():
        m = re.search(r"LOG:  (?:statement|execute [^:]*): (.*)$", line)
        if m:
            if pending:
                statements.append(pending)
            pending = m.group(1)
            continue
        m = re.search(r"DETAIL:  parameters: (.*)$", line)
        if m and pending:
            values = dict(re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", m.group(1)))
            # The log quotes every value; an integer parameter must stay one (a quoted
            # literal in `sum(CASE … THEN '1' …)` would be text).
            values = {k: (v[1:-1] if re.fullmatch(r"'-?\d+'", v) else v)
                      for k, v in values.items()}
            pending = re.sub(r"\$(\d+)\b", lambda v: values.get(v.group(1), v.group(0)), pending)
            continue
        if pending and line.startswith(("\t", " ")) and "LOG:" not in line:
            pending += " " + line.strip()
    if pending:
        statements.append(pending)
    noise = ("ALTER SYSTEM", "pg_reload_conf", "log_statement")
    statements = [s for s in statements if not any(n in s for n in noise)]
    if key:
        # The Idempotency-Key (text): a new one per replay too.
        statements = [f"SELECT set_config('bench.key', gen_random_uuid()::text, false)"] + \
                     [s.replace(f"'{key}'", "current_setting('bench.key')") for s in statements]
    return fresh_ids(statements)


UUID = r"'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'"


def fresh_ids(statements):
    """A write replayed must not reuse the ids it created: every UUID that first appears in
    an INSERT becomes a new random one per replay (a session setting set at the top)."""
    created = []
    for s in statements:
        for u in re.findall(UUID, s):
            if u not in created and s.lstrip().upper().startswith("INSERT") and \
                    not any(u in earlier for earlier in statements[:statements.index(s)]):
                created.append(u)
    if not created:
        return statements
    head = [f"SELECT set_config('bench.id{i}', gen_random_uuid()::text, false)"
            for i in range(len(created))]
    out = []
    for s in statements:
        for i, u in enumerate(created):
            s = s.replace(u, f"current_setting('bench.id{i}')::uuid")
        out.append(s)
    return head + out


def lua_scenario(scenario):
    """The scenario as a Lua file for rotate.lua (wrk's Lua has no JSON reader)."""
    def lua(value):
        if isinstance(value, bool):
            return "true" if value else "false"
        return json.dumps(value, ensure_ascii=False)
    rows = ["{" + ", ".join(f"{k} = {lua(v)}" for k, v in r.items()) + "}"
            for r in scenario["requests"]]
    f = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    f.write("return {\n  " + ",\n  ".join(rows) + "\n}\n")
    f.close()
    return f


def wrk(port, scenario, duration=DURATION, conns=CONNS):
    """Runs wrk with the rotating Lua script; returns its JSON summary."""
    f = lua_scenario(scenario)
    env = dict(os.environ, BENCH_SCENARIO=f.name)
    out = run(["wrk", "-t2", f"-c{conns}", f"-d{duration}s", "-s", LUA,
               f"http://127.0.0.1:{port}"], env=env).stdout
    os.unlink(f.name)
    line = next(l for l in out.splitlines() if l.startswith("BENCH "))
    return json.loads(line[len("BENCH "):])


def pgbench(host, statements, duration=DURATION, conns=CONNS):
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        for s in statements:
            f.write(s.rstrip(";") + ";\n")
    out = run([f"{PG_BIN}/pgbench", "-n", "-h", host, "-U", "solidaires_api", "-c", str(conns),
               "-j", "2", "-T", str(duration), "-f", f.name, "solidaires"]).stdout
    if not os.environ.get("KEEP_SCRIPTS"):
        os.unlink(f.name)
    m = re.search(r"tps = ([\d.]+) \(without initial connection time\)", out)
    return float(m.group(1)) if m else 0.0


def prepare_data(binary, data_dir, factor):
    marker = os.path.join(data_dir, "bench-seeded")
    # What later versions of seed-scale add to a data set made before them.
    additions = [os.path.join(data_dir, f"bench-seeded-{part}") for part in ("cycles", "workshop", "training", "skills")]
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if os.path.exists(marker) and not all(os.path.exists(m) for m in additions):
        # seed-scale adds what the data set lacks (and migrates first).
        started = time.time()
        out = subprocess.run([binary, "--data-dir", data_dir, "seed-scale", "--factor", str(factor)],
                             check=True, env=env, text=True, capture_output=True).stdout
        print(out.strip(), f"\n(added in {time.time() - started:.0f} s)", flush=True)
        for m in additions:
            open(m, "w").close()
    if os.path.exists(marker):
        return
    os.makedirs(data_dir, exist_ok=True)
    print(f"seeding {data_dir} (demo network, then the scale network x{factor}: minutes)…",
          flush=True)
    subprocess.run([binary, "--data-dir", data_dir, "seed-demo"], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.time()
    out = subprocess.run([binary, "--data-dir", data_dir, "seed-scale", "--factor", str(factor)],
                         check=True, env=env, text=True, capture_output=True).stdout
    print(out.strip(), f"\n(seed-scale took {time.time() - started:.0f} s)", flush=True)
    open(marker, "w").close()
    for m in additions:
        open(m, "w").close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, "target/release/solidaires"))
    parser.add_argument("--data", default=os.path.join(ROOT, ".bench"))
    parser.add_argument("--factor", default="1")
    parser.add_argument("--out", default=os.path.join(ROOT, "tests/load/results/latest.json"))
    parser.add_argument("--only", default="", help="comma-separated endpoint names")
    parser.add_argument("--before", help="an older build, measured in the same run")
    parser.add_argument("--before-data", default=os.path.join(ROOT, ".bench-before"),
                        help="its data folder: a copy of --data at that build's schema")
    args = parser.parse_args()
    args.data, args.before_data = os.path.abspath(args.data), os.path.abspath(args.before_data)
    for tool in ("wrk", f"{PG_BIN}/pgbench"):
        if not shutil.which(tool) and not os.path.exists(tool):
            raise SystemExit(f"needs {tool} (Debian: apt-get install wrk postgresql)")
    prepare_data(args.binary, args.data, args.factor)

    static_dir = tempfile.mkdtemp(prefix="bench-spa-")
    shutil.copy(os.path.join(ROOT, "tests/load/index.html"), static_dir)
    server = Server(args.binary, args.data, static_dir)
    sql = Sql(args.data)
    log_path = os.path.join(args.data, "postgres", "server.log")
    results = {"duration_s": DURATION, "connections": CONNS, "endpoints": []}
    try:
        time.sleep(2)
        results["rss_idle_mib"] = round(server.rss_kib("VmRSS") / 1024, 1)
        scenarios = build_scenarios(server, sql)
        only = [n for n in args.only.split(",") if n]
        for name, sc in scenarios:
            if only and name not in only:
                continue
            results["endpoints"].append(measure(name, sc, server, sql, log_path))
            print_row(results["endpoints"][-1])
        results["sign_in_burst"] = sign_in_burst(server, scenarios)
        results["rss_peak_mib"] = round(server.rss_kib("VmHWM") / 1024, 1)
        time.sleep(3)
        results["rss_after_mib"] = round(server.rss_kib("VmRSS") / 1024, 1)
        # The per-request line: cheap routes with it, then without it (RUST_LOG=warn).
        cheap = {"echo": {"requests": [{"method": "GET", "path": "/api/bench/echo/200"}]},
                 "me": dict(scenarios)["me"]}
        logged = {name: wrk(server.port, sc) for name, sc in cheap.items()}
        server.stop()
        server = Server(args.binary, args.data, static_dir, log_filter="warn")
        quiet = {name: wrk(server.port, sc) for name, sc in cheap.items()}
        results["log_cost"] = {
            name: {"logged_rps": logged[name]["rps"], "quiet_rps": quiet[name]["rps"],
                   "cost_pct": round(100 * (1 - logged[name]["rps"] / quiet[name]["rps"]), 1)}
            for name in cheap}
        server.stop()
        if args.before:
            server = Server(args.before, args.before_data, static_dir)
            results["before"] = measure_before(server, Sql(args.before_data), only)
    finally:
        server.stop()
        shutil.rmtree(static_dir, ignore_errors=True)
    if "before" in results:
        print_before_after(results)
    print(f"\nRSS: idle {results['rss_idle_mib']} MiB, peak {results['rss_peak_mib']} MiB, "
          f"after {results['rss_after_mib']} MiB")
    b = results["sign_in_burst"]
    print(f"sign-in burst: GET /me {b['me_alone_rps']:.0f} req/s alone, "
          f"{b['me_during_burst_rps']:.0f} during ({b['kept_pct']:.0f} % kept), "
          f"sign-ins {b['sign_in_rps']:.0f}/s")
    for name, c in results["log_cost"].items():
        print(f"per-request log line, {name}: {c['logged_rps']:.0f} req/s logged, "
              f"{c['quiet_rps']:.0f} without ({c['cost_pct']} % cost)")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=2)
    print(f"written to {os.path.relpath(args.out, ROOT)}")


def ids(sql, query):
    return [v for v in sql.query(query).splitlines() if v]


def build_scenarios(server, sql):
    """(name, scenario) pairs; a scenario rotates over requests made of tokens and paths."""
    demo_org = sql.query("SELECT id FROM organisations WHERE short_name = 'AMQR'")
    big_org = sql.query("SELECT id FROM organisations WHERE short_name = 'CS1'")
    ccas = sql.query("SELECT id FROM organisations WHERE short_name = 'CCAS'")
    demo_staff = [server.login("animatrice@amqr.test", DEMO_PASSWORD),
                  server.login("admin@amqr.test", DEMO_PASSWORD)]
    big_staff = [server.login("staff@s1.scale.test", SCALE_PASSWORD),
                 server.login("admin@s1.scale.test", SCALE_PASSWORD)]
    referrer = [server.login("agent@ccas.test", DEMO_PASSWORD)]
    # Writes go to a structure of the scale network, so that the demo network stays as
    # seeded from one run to the next.
    writer_org = sql.query("SELECT id FROM organisations WHERE short_name = 'OR1'")
    write_into = sql.query("SELECT id FROM organisations WHERE short_name = 'CS2'")
    writer = server.login("referrer@r1.scale.test", SCALE_PASSWORD)
    demo_refs = ids(sql, f"SELECT id FROM referrals WHERE organisation_id = '{demo_org}' LIMIT 50")
    big_refs = ids(sql, f"SELECT id FROM referrals WHERE organisation_id = '{big_org}' "
                        "ORDER BY md5(id::text) LIMIT 200")
    names = ["petit", "benali", "man", "lefeb", "dub", "haddad", "martin", "leroy"]

    def gets(tokens, paths):
        return {"requests": [{"method": "GET", "path": p, "token": tokens[i % len(tokens)]}
                             for i, p in enumerate(paths)]}

    def inbox(org):
        return [f"/api/v1/orgs/{org}/referrals?limit=50"] + \
               [f"/api/v1/orgs/{org}/referrals?limit=50&status={s}"
                for s in ("submitted", "accepted", "completed")]

    referral_body = {
        "structure_id": write_into, "first_name": "Charge", "last_name": "Banc d'essai",
        "birth_year": 1984, "phone": "+33612345678", "preferred_contact": "phone",
        "commune": "Raismes", "members": [], "needs": ["no_computer"],
        "consent": {"given_on": time.strftime("%Y-%m-%d"), "text_version": "2026-09"},
        "share_progress": True,
    }
    big_cycles = ids(sql, f"SELECT id FROM cycles WHERE organisation_id = '{big_org}' "
                          "ORDER BY md5(id::text) LIMIT 200")
    sessions = [tuple(row.split("|")) for row in ids(sql, (
        "SELECT cycle_id || '|' || id FROM cycle_sessions "
        f"WHERE organisation_id = '{big_org}' AND attendance_taken_at IS NOT NULL "
        "ORDER BY md5(id::text) LIMIT 200"))]
    enrolled_households = ids(sql, f"SELECT DISTINCT household_id FROM enrolments "
                                   f"WHERE organisation_id = '{big_org}' LIMIT 200")
    open_sessions = [tuple(row.split("|")) for row in ids(sql, (
        "SELECT s.cycle_id || '|' || s.id FROM cycle_sessions s JOIN cycles c "
        "ON c.organisation_id = s.organisation_id AND c.id = s.cycle_id "
        f"WHERE s.organisation_id = '{big_org}' AND c.state = 'running' "
        "AND s.attendance_taken_at IS NOT NULL ORDER BY md5(s.id::text) LIMIT 20"))]
    replays = []
    for cycle, session in open_sessions:
        path = f"/api/v1/orgs/{big_org}/cycles/{cycle}/sessions/{session}/attendance"
        sheet = json.loads(server.request("GET", path, big_staff[0])[1])
        entries = [{"enrolment_id": e["enrolment_id"], "presence": e["presence"]} for e in sheet["entries"]]
        replays.append({"method": "PUT", "path": path, "token": big_staff[0], "if_match": '"1"',
                        "body": json.dumps({"entries": entries})})

    network = sql.query("SELECT id FROM organisations WHERE kind = 'network'")
    coordinator = [server.login("coordination@reseau.test", DEMO_PASSWORD)]
    big_devices = ids(sql, f"SELECT id FROM devices WHERE organisation_id = '{big_org}' "
                           "ORDER BY md5(id::text) LIMIT 200")
    big_courses = ids(sql, f"SELECT id FROM courses WHERE organisation_id = '{big_org}' ORDER BY id")
    trainees = ids(sql, f"SELECT DISTINCT person_id FROM course_trainees WHERE organisation_id = '{big_org}'")

    return [
        ("me", gets(demo_staff + big_staff + referrer, ["/api/v1/me"] * 5)),
        ("inbox demo", gets(demo_staff, inbox(demo_org))),
        ("inbox large", gets(big_staff, inbox(big_org))),
        ("counters large", gets(big_staff, [f"/api/v1/orgs/{big_org}/referrals/counters"])),
        ("detail demo", gets(demo_staff, [f"/api/v1/orgs/{demo_org}/referrals/{r}" for r in demo_refs])),
        ("detail large", gets(big_staff, [f"/api/v1/orgs/{big_org}/referrals/{r}" for r in big_refs])),
        ("search demo", gets(demo_staff, [f"/api/v1/orgs/{demo_org}/households?q={n}" for n in names])),
        ("search large", gets(big_staff, [f"/api/v1/orgs/{big_org}/households?q={n}" for n in names])),
        ("notifications referrer", gets(referrer, [f"/api/v1/orgs/{ccas}/notifications"])),
        ("cycles large", gets(big_staff, [f"/api/v1/orgs/{big_org}/cycles?limit=25"] + [
            f"/api/v1/orgs/{big_org}/cycles?limit=25&state={st}" for st in ("planned", "running", "finished")])),
        ("cycle large", gets(big_staff, [f"/api/v1/orgs/{big_org}/cycles/{c}" for c in big_cycles])),
        ("sheet large", gets(big_staff, [
            f"/api/v1/orgs/{big_org}/cycles/{c}/sessions/{s}/attendance" for c, s in sessions])),
        ("eligibility large", gets(big_staff, [
            f"/api/v1/orgs/{big_org}/households/{h}/eligibility" for h in enrolled_households])),
        ("workshop board large", gets(big_staff, [f"/api/v1/orgs/{big_org}/workshop/board"])),
        ("devices large", gets(big_staff, [f"/api/v1/orgs/{big_org}/devices?limit=50"] + [
            f"/api/v1/orgs/{big_org}/devices?limit=50&state={st}" for st in ("received", "ready", "handed_over")])),
        ("device large", gets(big_staff, [f"/api/v1/orgs/{big_org}/devices/{d}" for d in big_devices])),
        ("courses large", gets(big_staff, [f"/api/v1/orgs/{big_org}/courses"])),
        ("course large", gets(big_staff, [f"/api/v1/orgs/{big_org}/courses/{c}" for c in big_courses])),
        ("training record large", gets(big_staff, [
            f"/api/v1/orgs/{big_org}/training/people/{p}" for p in trainees])),
        ("training figures large", gets(big_staff, [f"/api/v1/orgs/{big_org}/training/figures"])),
        ("dashboard large", gets(big_staff, [
            f"/api/v1/orgs/{big_org}/dashboard",
            f"/api/v1/orgs/{big_org}/dashboard?from=2024-12&to=2026-11",
            f"/api/v1/orgs/{big_org}/dashboard?from=2026-01&to=2026-06"])),
        ("dashboard export large", gets(big_staff, [f"/api/v1/orgs/{big_org}/dashboard?format=xlsx"])),
        ("referrer dashboard", gets([writer], [f"/api/v1/orgs/{writer_org}/referrer-dashboard"])),
        ("network dashboard", gets(coordinator, [f"/api/v1/orgs/{network}/network-dashboard"])),
        # A tablet sending again a sheet already recorded (the answer it lost): read, compare.
        ("attendance replay", {"requests": replays}),
        ("create referral", {"requests": [{
            "method": "POST", "path": f"/api/v1/orgs/{writer_org}/referrals", "token": writer,
            "body": json.dumps(referral_body), "unique": True}]}),
    ]


def measure(name, sc, server, sql, log_path):
    first = sc["requests"][0]
    body = first.get("body")
    key = f"bench-{uuid.uuid4().hex}" if first.get("unique") else None
    send = lambda: server.request(  # noqa: E731
        first["method"], first["path"], first["token"],
        json.loads(body) if body else None,
        {"Idempotency-Key": f"{key}-{time.time()}"} if key else None)
    status, answer = send()
    capture = lambda: server.request(  # noqa: E731
        first["method"], first["path"], first["token"],
        json.loads(body) if body else None, {"Idempotency-Key": key} if key else None)
    statements = captured_transaction(sql, log_path, capture, key)
    api = wrk(server.port, sc)
    db_tps = pgbench(sql.host, statements) if statements else 0.0
    # The HTTP limit: a JSON answer of the same size made in memory by the same server.
    http = wrk(server.port, {"requests": [{"method": "GET",
                                           "path": f"/api/bench/echo/{max(len(answer), 12)}"}]})
    return {
        "endpoint": name, "status": status, "answer_bytes": len(answer),
        "statements": len(statements), "rps": api["rps"], "p50_ms": api["p50_ms"],
        "p95_ms": api["p95_ms"], "p99_ms": api["p99_ms"], "errors": api["errors"],
        "pgbench_tps": db_tps, "echo_rps": http["rps"],
        "of_db_limit_pct": round(100 * api["rps"] / db_tps, 1) if db_tps else None,
        "of_http_limit_pct": round(100 * api["rps"] / http["rps"], 1) if http["rps"] else None,
    }


def measure_before(server, sql, only):
    """The same scenarios, throughput and latency only, against an older build."""
    time.sleep(2)
    before = {"rss_idle_mib": round(server.rss_kib("VmRSS") / 1024, 1), "endpoints": []}
    scenarios = build_scenarios(server, sql)
    for name, sc in scenarios:
        if only and name not in only:
            continue
        api = wrk(server.port, sc)
        before["endpoints"].append({"endpoint": name, **api})
        print(f"before: {name:<24} {api['rps']:>7.0f} req/s, p99 {api['p99_ms']:.1f} ms, "
              f"{api['errors']} errors", flush=True)
    before["sign_in_burst"] = sign_in_burst(server, scenarios)
    before["rss_peak_mib"] = round(server.rss_kib("VmHWM") / 1024, 1)
    time.sleep(3)
    before["rss_after_mib"] = round(server.rss_kib("VmRSS") / 1024, 1)
    return before


def print_before_after(results):
    after = {r["endpoint"]: r for r in results["endpoints"]}
    print(f"\n{'endpoint':<24} {'before req/s':>12} {'p99':>8} {'err':>5}   "
          f"{'after req/s':>11} {'p99':>8} {'err':>5} {'ratio':>6}")
    for b in results["before"]["endpoints"]:
        a = after[b["endpoint"]]
        ratio = a["rps"] / b["rps"] if b["rps"] else float("inf")
        print(f"{b['endpoint']:<24} {b['rps']:>12.1f} {b['p99_ms']:>8.1f} {b['errors']:>5}   "
              f"{a['rps']:>11.1f} {a['p99_ms']:>8.1f} {a['errors']:>5} {ratio:>5.1f}x")
    for label, r in (("before", results["before"]), ("after", results)):
        burst = r["sign_in_burst"]
        print(f"{label}: RSS idle {r['rss_idle_mib']} MiB, peak {r['rss_peak_mib']} MiB, "
              f"after {r['rss_after_mib']} MiB; GET /me keeps {burst['kept_pct']:.0f} % "
              f"during a sign-in burst")


def print_row(r):
    if r["endpoint"] == "me" or not hasattr(print_row, "header"):
        print_row.header = True
        print(f"\n{'endpoint':<24} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} {'err':>4} "
              f"{'SQL':>3} {'pgbench':>8} {'%db':>5} {'echo':>7} {'%http':>5}")
    print(f"{r['endpoint']:<24} {r['rps']:>7.0f} {r['p50_ms']:>6.1f} {r['p95_ms']:>6.1f} "
          f"{r['p99_ms']:>6.1f} {r['errors']:>4} {r['statements']:>3} {r['pgbench_tps']:>8.0f} "
          f"{(r['of_db_limit_pct'] or 0):>5.0f} {r['echo_rps']:>7.0f} "
          f"{(r['of_http_limit_pct'] or 0):>5.0f}", flush=True)


def sign_in_burst(server, scenarios):
    """GET /me alone, then while 16 connections sign in (wrong passwords are throttled, so
    the burst signs in the demo accounts with their right password)."""
    me = dict(scenarios)["me"]
    alone = wrk(server.port, me, conns=16)
    burst = {"requests": [{"method": "POST", "path": "/api/v1/auth/login",
                           "body": json.dumps({"email": e, "password": DEMO_PASSWORD})}
                          for e in ("animatrice@amqr.test", "admin@amqr.test",
                                    "agent@ccas.test", "admin@acsrv.test")]}
    f = lua_scenario(burst)
    env = dict(os.environ, BENCH_SCENARIO=f.name)
    burster = subprocess.Popen(["wrk", "-t1", "-c16", f"-d{DURATION + 2}s", "-s", LUA,
                                f"http://127.0.0.1:{server.port}"], env=env, text=True,
                               stdout=subprocess.PIPE)
    time.sleep(1)
    during = wrk(server.port, me, conns=16)
    out, _ = burster.communicate()
    os.unlink(f.name)
    signed = json.loads(next(l for l in out.splitlines() if l.startswith("BENCH "))[6:])
    return {"me_alone_rps": alone["rps"], "me_during_burst_rps": during["rps"],
            "kept_pct": round(100 * during["rps"] / alone["rps"], 1) if alone["rps"] else 0,
            "sign_in_rps": signed["rps"], "sign_in_p99_ms": signed["p99_ms"],
            "sign_in_errors": signed["errors"]}


if __name__ == "__main__":
    main()
