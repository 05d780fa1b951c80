using EmoAug.Cli;
using EmoAug.Runtime;

// Before any tensor exists, on the thread that runs every command: LibTorch's worker threads, started later from it,
// inherit flush-to-zero, so a trained network does not slow down on denormal floats (docs/benchmarks.md).
Denormals.FlushToZero();
return CommandRunner.Run(EmoAugCommands.Root(), args);
