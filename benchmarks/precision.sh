#!/usr/bin/env bash
# EmoAug's bfloat16 networks against its float32 ones, side by side in one run: alternates `bench-train` of the
# same model, batch and threads with --precision bfloat16 and float32, and prints each run, the medians and the
# ratio (bfloat16 / float32). Models: paper-cnn, vgg (images/s), cyclegan, stargan (iterations/s). The gain needs a
# CPU with AMX (docs/classifier.md, docs/benchmarks.md).
#   bash benchmarks/precision.sh [model] [batch] [threads] [repeats] [steps]
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-paper-cnn}; batch=${2:-64}; threads=${3:-2}; repeats=${4:-5}; steps=${5:-20}
dotnet build src/EmoAug.Cli -c Release -v q -nologo >/dev/null
emoaug=src/EmoAug.Cli/bin/Release/net10.0/EmoAug.Cli
source benchmarks/alternate.sh
run_a() { "$emoaug" bench-train --network "$model" --batch-size "$batch" --threads "$threads" --steps "$steps" --precision bfloat16; }
run_b() { "$emoaug" bench-train --network "$model" --batch-size "$batch" --threads "$threads" --steps "$steps" --precision float32; }
alternate "$repeats" bfloat16 float32 "$model, batch $batch, $threads threads; images/s, or iterations/s for the GANs"
