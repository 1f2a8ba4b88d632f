#!/usr/bin/env bash
# House rule (docs/architecture.md): SQL lives only in a module's repo.rs and in platform/
# (the doors and plumbing). A file elsewhere that names a table or builds a statement fails
# this check. The files listed in AWAITING still hold SQL from before the domain-modules
# layout; the list may only shrink (a listed file that no longer needs it fails too).
set -euo pipefail
cd "$(dirname "$0")/../api/src"

AWAITING=(
  auth/account.rs auth/extract.rs auth/links.rs auth/routes.rs auth/session.rs auth/throttle.rs
  organisations/routes/invitations.rs organisations/routes/members.rs
  organisations/routes/organisations.rs organisations/routes/partnerships.rs
  organisations/routes/sites.rs
  cli.rs seed/mod.rs seed/families.rs
)
SQL='crate::schema|schema::[a-z_]+ as |diesel::(sql_query|insert_into|update|delete)\b'

status=0
while IFS= read -r file; do
  case "$file" in
    schema.rs | */repo.rs | platform/*) continue ;;
  esac
  if [[ " ${AWAITING[*]} " != *" $file "* ]]; then
    echo "SQL outside a repo.rs: api/src/$file"
    grep -nE "$SQL" "$file" | head -3
    status=1
  fi
done < <(grep -rlE "$SQL" --include='*.rs' . | sed 's|^\./||' | sort)

for file in "${AWAITING[@]}"; do
  if ! grep -qE "$SQL" "$file"; then
    echo "api/src/$file holds no SQL any more: remove it from AWAITING in tests/lint-sql.sh"
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "SQL only in repo.rs and platform/ (${#AWAITING[@]} older files awaiting extraction)"
exit "$status"
