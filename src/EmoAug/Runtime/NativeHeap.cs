using System.Runtime.InteropServices;

namespace EmoAug.Runtime;

/// <summary>
/// Gives the memory that glibc's malloc keeps after a free back to the system. LibTorch takes each tensor's memory
/// from malloc; glibc serves blocks under its mmap threshold (which it raises on its own up to 32 MB) from the heap and
/// keeps their pages when they are freed, so the heap only grows. A FER2013 training held 2.6 GB resident at its
/// second epoch, 1.7 GB of it free heap: malloc_trim, called from a debugger, gave that back at once
/// (docs/benchmarks.md). Called at quiet points (after loading, after each epoch) it bounds the peak without touching
/// the training steps, unlike lowering the mmap threshold, which made them 1.8 times slower (docs/classifier.md).
/// Linux with glibc only; elsewhere a no-op.
/// </summary>
public static partial class NativeHeap
{
    [LibraryImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    /// <summary>Returns free heap pages to the system; true if any were returned.</summary>
    public static bool ReturnFreedMemory()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc (musl, for example): nothing to call
        }
    }
}
