#!/usr/bin/env python3
"""Contract fuzzing: Schemathesis against the running API with the committed spec.

The server (`solidaires serve`, embedded PostgreSQL, demo network) runs in a throwaway data
folder. For each person — AMQR staff, the CCAS referrer, the network coordinator — the
script signs in, finds real ids of that person's organisation (a referral, a household, a
site, a partnership, a notification, a member), and runs `schemathesis run` with them as the
path parameters, so every tenant route is exercised past its 404. Every check, a fixed seed,
a bounded number of examples: any failure (a 500, an undocumented status, an answer that
does not match its schema) fails the command.

    cargo build --bin solidaires
    python3 tests/fuzz/run.py                       # the test command's bounded run
    MAX_EXAMPLES=200 python3 tests/fuzz/run.py      # the longer, nightly run

Needs schemathesis (pinned in tests/fuzz/requirements.txt) on PATH or in ST.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("SOLIDAIRES_BIN", os.path.join(ROOT, "target/debug/solidaires"))
# Absolute: schemathesis runs from the throwaway folder.
SCHEMATHESIS = os.path.abspath(os.environ["ST"]) if os.environ.get("ST") else (
    shutil.which("schemathesis") or "schemathesis")
MAX_EXAMPLES = os.environ.get("MAX_EXAMPLES", "12")
SEED = os.environ.get("SEED", "20261127")
PASSWORD = "solidaires-demo-2026"
PEOPLE = ["animatrice@amqr.test", "agent@ccas.test", "coordination@reseau.test", "admin@acsrv.test"]
NO_ID = "00000000-0000-4000-8000-000000000000"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"

    def call(self, method, path, token=None, body=None):
        req = urllib.request.Request(self.base + path, method=method)
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, data, timeout=30) as res:
                return res.status, json.loads(res.read() or b"null")
        except urllib.error.HTTPError as err:
            return err.code, None
        except OSError:
            return 0, None


def first_id(api, token, path, key="id"):
    status, page = api.call("GET", path, token)
    if status != 200 or not page:
        return NO_ID
    items = page["items"] if isinstance(page, dict) else page
    return items[0][key] if items else NO_ID


def ensure_one(api, token, path, body):
    """Creates an item where the person may and the list is empty: a fixed id that matches
    nothing would turn Schemathesis' follow-up of its own creations into false failures."""
    status, page = api.call("GET", path, token)
    if status == 200 and page is not None and not (page["items"] if isinstance(page, dict) else page):
        api.call("POST", path, token, body)


def ids_for(api, token):
    """Real ids of the person's first organisation (a random one where it has none)."""
    _, me = api.call("GET", "/api/v1/me", token)
    org = me["memberships"][0]["organisation_id"]
    base = f"/api/v1/orgs/{org}"
    ensure_one(api, token, f"{base}/donors", {"name": "Donateur de l'essai", "kind": "company"})
    donor = first_id(api, token, f"{base}/donors")
    ensure_one(api, token, f"{base}/donations",
               {"donor_id": donor, "received_on": "2026-11-02", "items_announced": 1})
    ensure_one(api, token, f"{base}/devices", {"kind": "laptop", "brand": "Essai"})
    cycle = first_id(api, token, f"{base}/cycles")
    _, view = api.call("GET", f"{base}/cycles/{cycle}", token)
    view = view or {}
    sessions = view.get("sessions") or [{"id": NO_ID}]
    people = view.get("participants") or [{"enrolment_id": NO_ID}]
    device = first_id(api, token, f"{base}/devices?state=ready")
    if device == NO_ID:
        device = first_id(api, token, f"{base}/devices")
    _, machine = api.call("GET", f"{base}/devices/{device}", token)
    certificate = (machine or {}).get("certificate") or {"code": "2345-6789-ABCD"}
    # A referrer's partner structure (its consent text); NO_ID for anyone else.
    _, partners = api.call("GET", f"{base}/partnerships", token)
    partner = next((p["structure"]["id"] for p in (partners if isinstance(partners, list) else [])
                    if isinstance(p, dict) and p.get("structure")), NO_ID)
    return {
        "org_id": org,
        "referral_id": first_id(api, token, f"{base}/referrals"),
        "household_id": first_id(api, token, f"{base}/households"),
        "site_id": first_id(api, token, f"{base}/sites"),
        "partnership_id": first_id(api, token, f"{base}/partnerships"),
        "notification_id": first_id(api, token, f"{base}/notifications"),
        "invitation_id": first_id(api, token, f"{base}/invitations"),
        "programme_id": first_id(api, token, f"{base}/programmes"),
        "cycle_id": cycle,
        "session_id": sessions[0]["id"],
        "enrolment_id": people[0]["enrolment_id"],
        "call_id": first_id(api, token, f"{base}/reminders/calls"),
        "feed_id": first_id(api, token, f"{base}/calendar-feeds"),
        "user_id": me["id"],
        "donor_id": donor,
        "donation_id": first_id(api, token, f"{base}/donations"),
        "device_id": device,
        "code": certificate["code"],
        "course_id": first_id(api, token, f"{base}/courses"),
        "person_id": first_id(api, token, f"{base}/training/people"),
        # The funder report's year: a real one, like the ids (every path parameter is fixed,
        # or the fuzzer's "wrong org_id" case would be sent with the real organisation).
        "year": int(time.strftime("%Y")),
        # A text's kind: one of the three, fixed like the ids.
        "kind": "referral_consent",
        "structure_id": partner,
    }


def main():
    data_dir = tempfile.mkdtemp(prefix="solidaires-fuzz-")
    port = free_port()
    env = dict(os.environ, SOLIDAIRES_SPA_DIR=os.path.join(data_dir, "no-spa"), RUST_LOG="warn")
    env.pop("DATABASE_URL", None)
    log = open(os.path.join(data_dir, "server.log"), "w")
    server = subprocess.Popen([BINARY, "--data-dir", data_dir, "serve",
                               "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=log, env=env)
    api = Api(port)
    failed = []
    try:
        deadline = time.time() + 180
        while api.call("GET", "/api/ready")[0] != 200:
            if time.time() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start; see " + log.name)
            time.sleep(0.5)
        for email in PEOPLE:
            status, answer = api.call("POST", "/api/v1/auth/login",
                                      body={"email": email, "password": PASSWORD})
            if status != 200:
                raise SystemExit(f"sign-in of {email}: {status}")
            token = answer["access_token"]
            ids = ids_for(api, token)
            config = os.path.join(data_dir, f"schemathesis-{email.split('@')[0]}.toml")
            with open(config, "w") as f:
                # A request the schema allows may still break a rule no schema can state
                # (one reference person, a phone for phone contact, an unknown link): those
                # are 4xx answers the spec documents, not failures (decision 38).
                f.write("[checks.positive_data_acceptance]\n"
                        'expected-statuses = ["2xx", "400", "401", "403", "404", "409", '
                        '"412", "422", "428", "429"]\n\n')
                # A missing If-Match is 428 Precondition Required (RFC 6585).
                f.write("[checks.missing_required_header]\n"
                        'expected-statuses = ["400", "401", "403", "406", "415", "422", "428"]\n\n')
                f.write("[parameters]\n")
                for name, value in ids.items():
                    f.write(f'"path.{name}" = {json.dumps(value)}\n')
            print(f"\n== {email}: {json.dumps(ids)}", flush=True)
            done = subprocess.run(
                [SCHEMATHESIS, "--config-file", config, "run",
                 os.path.join(ROOT, "openapi/openapi.json"),
                 "--url", api.base, "--header", f"Authorization: Bearer {token}",
                 "--checks", "all", "--max-examples", MAX_EXAMPLES, "--seed", SEED,
                 "--exclude-path", "/api/v1/auth/logout",
                 "--exclude-path", "/api/v1/me/password",
                 "--no-color"],
                cwd=data_dir)
            if done.returncode != 0:
                failed.append(email)
    finally:
        server.terminate()
        server.wait(timeout=60)
    if failed:
        print(f"\ncontract fuzzing failed for: {', '.join(failed)} (server log: {log.name})")
        sys.exit(1)
    shutil.rmtree(data_dir, ignore_errors=True)
    print("\ncontract fuzzing: no failure")


if __name__ == "__main__":
    main()
