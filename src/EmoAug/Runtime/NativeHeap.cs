using System.Runtime.InteropServices;

namespace EmoAug.Runtime;

/// <summary>
/// Makes glibc's malloc keep large freed blocks for reuse instead of handing them back to the kernel. LibTorch takes
/// every CPU tensor from malloc; glibc serves blocks above its mmap threshold (at most 32 MB however it adapts) with
/// fresh mmap pages, so each training step's 38 MB activation tensors (64 faces x 64 channels x 48 x 48 floats)
/// page-faulted in zeroed memory again: a third of paper-cnn's step was kernel time (docs/benchmarks.md). Raising the
/// mmap and trim thresholds to 1 GB keeps those blocks in the heap. Numbers are unchanged; the process's resident
/// memory stays near its peak instead of shrinking between steps. Linux with glibc only; elsewhere a no-op.
/// Call it before the first tensor exists.
/// </summary>
public static partial class NativeHeap
{
    // mallopt parameters from glibc's malloc.h.
    const int TrimThreshold = -1, MmapThreshold = -3;
    const int OneGigabyte = 1 << 30;

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);

    /// <summary>Raises glibc's mmap and trim thresholds; false where unsupported (not Linux, not glibc).</summary>
    public static bool KeepLargeBlocks()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallOpt(MmapThreshold, OneGigabyte) == 1 && MallOpt(TrimThreshold, OneGigabyte) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // musl or another C library: allocation stays as it was
        }
    }
}
