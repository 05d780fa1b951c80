namespace EmoAug;

/// <summary>Levenshtein distance, for "did you mean" in messages about a misspelt name.</summary>
public static class EditDistance
{
    /// <summary>Insertions, deletions and substitutions that turn <paramref name="a"/> into <paramref name="b"/> (case ignored).</summary>
    public static int Between(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    /// <summary>The candidate nearest to <paramref name="name"/> (the first of equals).</summary>
    public static string Closest(string name, IEnumerable<string> candidates) => candidates.MinBy(c => Between(name, c))!;
}
