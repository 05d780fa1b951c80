using System.Runtime.InteropServices;

namespace EmoAug.Runtime;

/// <summary>
/// Gives the memory that glibc's malloc keeps after a free back to the system. LibTorch takes each tensor's memory
/// from malloc; glibc serves blocks under its mmap threshold (which it raises on its own up to 32 MB) from the heap and
/// keeps their pages when they are freed, so the heap only grows. A FER2013 training held 2.6 GB resident at its
/// second epoch, 1.7 GB of it free heap: malloc_trim, called from a debugger, gave that back at once
/// (docs/benchmarks.md). Called now and then (the classifier trainer: after loading, every 100 batches and after each
/// epoch; a whole FER2013 run peaked at 1.71 GB instead of 2.77) it bounds the heap without changing how memory is taken, unlike lowering the
/// mmap threshold, which made every step 1.8 times slower (docs/classifier.md). Linux with glibc only; elsewhere a no-op.
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
