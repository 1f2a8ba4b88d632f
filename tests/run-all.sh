#!/usr/bin/env bash
# Every test of the project, in the order a failure is cheapest to find.
# Needs: Rust, Node 20, Python 3 with venv, PostgreSQL binaries, Debian's chromium and
# docker-compose; Schemathesis comes from PyPI (pinned in tests/fuzz/requirements.txt)
# (.ci/run installs what a fresh machine lacks).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

# What the steps below need from the machine: say it in one line rather than fail halfway.
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
{ dpkg -s libpq-dev >/dev/null 2>&1 || [ -e /usr/include/postgresql/libpq-fe.h ]; } || missing+=(libpq-dev)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ -x /usr/bin/chromium ] || missing+=(chromium)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
for tool in cargo node npm; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing: ${missing[*]} — install them (apt-get install -y ${missing[*]}), or run bash .ci/run, which does" >&2
  exit 1
fi

step "Rust: format and lints, SQL only in repo.rs files"
cargo fmt --all --check
bash tests/lint-sql.sh
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust: API tests on a throwaway PostgreSQL (unit, black-box, embedded default)"
cargo test --workspace --locked

step "Contract fuzzing: Schemathesis against the running API (staff, referrer, coordinator, admin)"
python3 -m venv target/fuzz-venv
target/fuzz-venv/bin/pip install -q --disable-pip-version-check -r tests/fuzz/requirements.txt
ST="$PWD/target/fuzz-venv/bin/schemathesis" python3 tests/fuzz/run.py

step "docker-compose.yml is valid"
docker-compose --env-file .env.example -f docker-compose.yml config -q

step "Frontend: generated API types match openapi/openapi.json, lint, types, unit tests, build"
npm --prefix frontend ci --no-audit --no-fund
npm --prefix frontend run check:api
npm --prefix frontend run lint
npm --prefix frontend run typecheck
npm --prefix frontend test
npm --prefix frontend run build

step "Browser tests: the SPA served by solidaires serve, in Debian's Chromium"
npm --prefix tests/e2e ci --no-audit --no-fund
npm --prefix tests/e2e test
