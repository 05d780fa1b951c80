#!/usr/bin/env bash
# Runs EmoAug's whole test suite (restore, build, test) and ends with the line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
results=$(mktemp -d)
dotnet test EmoAug.slnx -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
code=$?
trx="$results/results.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  echo "${passed:-0} passed, ${failed:-0} failed"
else
  echo "0 passed, 1 failed"
  [ $code -eq 0 ] && code=1
fi
rm -rf "$results"
exit $code
