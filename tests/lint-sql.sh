#!/usr/bin/env bash
# House rule (docs/architecture.md): SQL lives only in a module's repository (`repo.rs`, or
# `repo/` when the module has several resources) and in platform/ (the doors and plumbing).
# A file elsewhere that names a table or builds a statement fails this check.
set -euo pipefail
cd "$(dirname "$0")/../api/src"

SQL='crate::schema|schema::[a-z_]+ as |diesel::(sql_query|insert_into|update|delete)\b'

status=0
checked=0
while IFS= read -r file; do
  checked=$((checked + 1))
  case "$file" in
    schema.rs | */repo.rs | */repo/*.rs | platform/*) continue ;;
  esac
  if grep -qE "$SQL" "$file"; then
    echo "SQL outside a repository: api/src/$file"
    grep -nE "$SQL" "$file" | head -3
    status=1
  fi
done < <(find . -name '*.rs' | sed 's|^\./||' | sort)
[ "$status" -eq 0 ] && echo "SQL only in repositories and platform/ ($checked files checked)"
exit "$status"
