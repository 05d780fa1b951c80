using System.Runtime.InteropServices;
using EmoAug.Runtime;
using Xunit;

namespace EmoAug.Tests;

/// <summary>Tests that measure the whole process's resident memory run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemory
{
    public const string Name = "the process's resident memory";
}

[Collection(ProcessMemory.Name)]
public class NativeHeapTests
{
    [Fact]
    public void FreedHeapMemoryGoesBackToTheSystem()
    {
        if (!OperatingSystem.IsLinux()) return;
        // 256 MB in 64 KB blocks, under glibc's mmap threshold, so they come from the heap. Every other one is freed:
        // each free block sits between two live ones, so free() cannot shrink the heap, and 128 MB stays resident.
        const int blockSize = 64 * 1024, blocks = 4096;
        var pointers = new IntPtr[blocks];
        for (int i = 0; i < blocks; i++)
        {
            pointers[i] = Marshal.AllocHGlobal(blockSize);
            for (int offset = 0; offset < blockSize; offset += 4096) Marshal.WriteByte(pointers[i], offset, 1);
        }
        for (int i = 0; i < blocks; i += 2) Marshal.FreeHGlobal(pointers[i]);

        long before = ResidentKilobytes();
        bool returned = NativeHeap.ReturnFreedMemory();
        long after = ResidentKilobytes();
        for (int i = 1; i < blocks; i += 2) Marshal.FreeHGlobal(pointers[i]);

        Assert.True(returned);
        Assert.True(before - after > 96 * 1024, $"resident memory {before} KB before, {after} KB after the trim");
    }

    static long ResidentKilobytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }
}
