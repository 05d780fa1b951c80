using EmoAug.Cli;
using EmoAug.Runtime;

// Before any tensor exists, on the thread that runs every command: LibTorch's worker threads, started later from it,
// inherit flush-to-zero, so a trained network does not slow down on denormal floats (docs/benchmarks.md).
Denormals.FlushToZero();
// Large tensors are reused from the heap instead of being page-faulted in afresh every step (docs/benchmarks.md).
NativeHeap.KeepLargeBlocks();
return CommandRunner.Run(EmoAugCommands.Root(), args);
