using System.Runtime.InteropServices;

namespace EmoAug.Runtime;

/// <summary>
/// Flush-to-zero for denormal floats on the calling thread (and the threads it starts later, which inherit its
/// floating-point environment). Late in training, Adam's moment estimates and some activations fall into the denormal
/// range, where x86 CPUs compute many times slower (measured in docs/benchmarks.md); PyTorch users turn this on with
/// torch.set_flush_denormal(True), which TorchSharp does not expose. Only on Linux x64 with glibc; elsewhere a no-op.
/// The setting is per thread, and each thread that runs tensor work starts its own LibTorch (OpenMP) workers, which
/// copy it when they start: call this first thing on the thread that will do the work, before its first tensor
/// operation, or threads disagree and results stop being reproducible. The emoaug command does so in Program.cs; the
/// library leaves it to its caller.
/// </summary>
public static partial class Denormals
{
    // glibc's x86-64 fenv_t is 32 bytes with the SSE control register (MXCSR) at byte 28.
    const int EnvironmentSize = 32, MxcsrOffset = 28;
    const uint FlushToZeroBit = 1u << 15, DenormalsAreZeroBit = 1u << 6;

    [LibraryImport("libm.so.6", EntryPoint = "fegetenv")]
    private static unsafe partial int GetEnvironment(byte* environment);

    [LibraryImport("libm.so.6", EntryPoint = "fesetenv")]
    private static unsafe partial int SetEnvironment(byte* environment);

    /// <summary>True when this platform's calls take effect.</summary>
    public static bool Supported =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>Sets or clears flush-to-zero and denormals-are-zero on the calling thread; false where unsupported.</summary>
    public static unsafe bool FlushToZero(bool on = true)
    {
        if (!Supported) return false;
        try
        {
            byte* environment = stackalloc byte[EnvironmentSize];
            if (GetEnvironment(environment) != 0) return false;
            uint* mxcsr = (uint*)(environment + MxcsrOffset);
            *mxcsr = on ? *mxcsr | FlushToZeroBit | DenormalsAreZeroBit : *mxcsr & ~(FlushToZeroBit | DenormalsAreZeroBit);
            return SetEnvironment(environment) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc: arithmetic stays exact
        }
    }
}
