#!/usr/bin/env bash
# This checkout's training speed against an earlier commit's, side by side in one run: builds the commit in a
# temporary git worktree, then alternates `bench-train` of the two builds (same model, batch, threads and steps on
# random data) and prints each run, the medians and the ratio (this checkout / the commit).
#   bash benchmarks/against-commit.sh COMMIT [model] [batch] [threads] [repeats] [steps]
#   model: paper-cnn (default) | vgg | cyclegan
set -euo pipefail
cd "$(dirname "$0")/.."
commit=${1:?usage: against-commit.sh COMMIT [model] [batch] [threads] [repeats] [steps]}
model=${2:-paper-cnn}; batch=${3:-64}; threads=${4:-2}; repeats=${5:-5}; steps=${6:-20}
old=$(mktemp -d)
trap 'git worktree remove --force "$old" >/dev/null 2>&1 || true; rm -rf "$old"' EXIT
git worktree add -q --detach "$old" "$commit"
dotnet build "$old/src/EmoAug.Cli" -c Release -v q -nologo >/dev/null
dotnet build src/EmoAug.Cli -c Release -v q -nologo >/dev/null
source benchmarks/alternate.sh
# Builds before 2026-12-03 named the options --model and --batch.
names() { if "$1" bench-train --help | grep -q -- --network; then echo "--network --batch-size"; else echo "--model --batch"; fi; }
read -r net_a batch_a <<<"$(names src/EmoAug.Cli/bin/Release/net10.0/EmoAug.Cli)"
read -r net_b batch_b <<<"$(names "$old/src/EmoAug.Cli/bin/Release/net10.0/EmoAug.Cli")"
run_a() { src/EmoAug.Cli/bin/Release/net10.0/EmoAug.Cli bench-train "$net_a" "$model" "$batch_a" "$batch" --threads "$threads" --steps "$steps"; }
run_b() { "$old/src/EmoAug.Cli/bin/Release/net10.0/EmoAug.Cli" bench-train "$net_b" "$model" "$batch_b" "$batch" --threads "$threads" --steps "$steps"; }
alternate "$repeats" "this checkout" "$commit" "$model, batch $batch, $threads threads; items/s"
