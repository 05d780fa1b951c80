#!/usr/bin/env bash
# EmoAug against PyTorch, side by side in one run: the same model, batch, image size and thread count, alternating
# EmoAug and PyTorch runs; prints each run, the medians and the ratio.
#   bash benchmarks/speed.sh [model] [batch] [threads] [repeats] [steps] [precision]
#   model: paper-cnn (default) | vgg | cyclegan (one iteration of both generators and both discriminators)
#   precision (classifiers): float32 (default) | bfloat16 (EmoAug's --precision bfloat16 against PyTorch's autocast)
# Needs Debian's python3-torch (installed here with apt-get if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-paper-cnn}; batch=${2:-64}; threads=${3:-2}; repeats=${4:-3}; steps=${5:-20}; precision=${6:-float32}
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch >/dev/null
fi
dotnet build src/EmoAug.Cli -c Release -v q -nologo >/dev/null
emoaug=src/EmoAug.Cli/bin/Release/net10.0/EmoAug.Cli
source benchmarks/alternate.sh
run_a() { "$emoaug" bench-train --network "$model" --batch-size "$batch" --threads "$threads" --steps "$steps" --precision "$precision"; }
run_b() { /usr/bin/python3 benchmarks/torch_speed.py --network "$model" --batch-size "$batch" --threads "$threads" --steps "$steps" --precision "$precision"; }
alternate "$repeats" emoaug pytorch "${model}, batch $batch, $threads threads, $precision; items/s: images, or iterations for cyclegan"
