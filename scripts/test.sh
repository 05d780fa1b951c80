#!/usr/bin/env bash
# Runs EmoAug's whole test suite (restore, build, test) and ends with the line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
# apt_install WHAT PACKAGES...: apt-get installs them (updating its lists once if that fails), or one line says why not.
apt_install() {
  local what=$1; shift
  echo "installing $* for $what"
  (apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1; }) ||
    echo "could not install $*: the $what tests will fail or say why they did not run"
}
if [ "$(uname -s)" = Linux ]; then
  # OpenCV's native library (face detection) needs GTK 3 (Debian, Ubuntu).
  ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0' || apt_install "face-detection" libgtk-3-0
  # The Slurm tests start a one-node cluster of their own from these programs (tests/.../SingleNodeSlurm.cs), not
  # the packages' services.
  has() { PATH="$PATH:/usr/sbin" command -v "$1" >/dev/null 2>&1; }
  has slurmctld && has munged || apt_install "real-Slurm" slurm-wlm munge
  # The report test opens report.html in a real headless browser (tests/.../ReportInBrowserTests.cs).
  [ -x /usr/bin/chromium ] || apt_install "report-in-browser" chromium
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
