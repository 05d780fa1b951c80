namespace EmoAug.Generators;

/// <summary>How the GAN trainers draw their faces: whole shuffled passes over a set, so every face is seen as often.</summary>
public static class ShuffledPasses
{
    /// <summary>Shuffled indices 0..count-1, reshuffled and repeated until <paramref name="length"/> are drawn.</summary>
    public static long[] Draw(Random random, int count, int length)
    {
        var result = new long[length];
        var pass = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        for (int filled = 0; filled < length; filled += count)
        {
            random.Shuffle(pass);
            Array.Copy(pass, 0, result, filled, Math.Min(count, length - filled));
        }
        return result;
    }
}
