#!/usr/bin/env bash
# Runs EmoAug's whole test suite (restore, build, test) and ends with the line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
# OpenCV's native library (face detection) needs GTK 3 on Linux; install it where it is missing (Debian, Ubuntu).
if [ "$(uname -s)" = Linux ] && ! ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0'; then
  echo "installing libgtk-3-0 for OpenCV (face detection)"
  (apt-get install -y --no-install-recommends libgtk-3-0 >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y --no-install-recommends libgtk-3-0 >/dev/null 2>&1; }) ||
    echo "could not install libgtk-3-0: the face-detection tests will fail"
fi
# The report test opens report.html in a real headless browser: Debian's chromium, installed where it is missing.
if [ "$(uname -s)" = Linux ] && [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium for the report test"
  (apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y --no-install-recommends chromium >/dev/null 2>&1; }) ||
    echo "could not install chromium: the report-in-browser test will fail"
fi
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
