namespace EmoAug.Runtime;

/// <summary>
/// Refuses, before anything is allocated, work whose images alone would not fit in this machine's memory: a one-line
/// error naming the option, where the process would otherwise grow for minutes and then be killed.
/// </summary>
public static class MemoryBudget
{
    /// <summary>The memory this process may use (the machine's, or a container's limit).</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Throws <see cref="EmoAugException"/> when <paramref name="bytes"/> exceed the available memory.</summary>
    /// <param name="what">What asked for it, naming the option ("--count 2000000000").</param>
    public static void Check(double bytes, string what)
    {
        if (bytes > Available)
            throw new EmoAugException($"{what}: needs about {bytes / (1L << 30):0.#} GiB for its images alone; this machine has " +
                $"{Available / (double)(1L << 30):0.#} GiB");
    }
}
