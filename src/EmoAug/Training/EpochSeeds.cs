namespace EmoAug.Training;

/// <summary>
/// The seed of each epoch's shuffles, dropout masks and augmentations, derived from (run seed, epoch) alone, so an
/// epoch run after a resume draws exactly what it would have drawn in an uninterrupted run.
/// </summary>
public static class EpochSeeds
{
    public static long For(int seed, int epoch)
    {
        // SplitMix64 finaliser: nearby (seed, epoch) pairs give unrelated seeds.
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)epoch + 1);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (long)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
