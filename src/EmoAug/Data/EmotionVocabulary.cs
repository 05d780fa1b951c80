namespace EmoAug.Data;

/// <summary>
/// The one emotion vocabulary: FER2013's code order (0 angry ... 6 neutral), then contempt for sets that have it.
/// Class names from folders and files are matched case-insensitively, with the common synonyms.
/// </summary>
public static class EmotionVocabulary
{
    /// <summary>The seven classes of FER2013 in its code order; every dataset's labels start with these.</summary>
    public static readonly IReadOnlyList<string> Basic = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"];

    /// <summary>Classes known beyond the basic seven, in the order they are appended.</summary>
    public static readonly IReadOnlyList<string> Extra = ["contempt"];

    public const int Angry = 0, Disgust = 1, Fear = 2, Happy = 3, Sad = 4, Surprise = 5, Neutral = 6;

    static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["angry"] = "angry", ["anger"] = "angry", ["an"] = "angry", ["mad"] = "angry",
        ["disgust"] = "disgust", ["disgusted"] = "disgust", ["disgusting"] = "disgust", ["di"] = "disgust",
        ["fear"] = "fear", ["fearful"] = "fear", ["afraid"] = "fear", ["scared"] = "fear", ["fe"] = "fear",
        ["happy"] = "happy", ["happiness"] = "happy", ["joy"] = "happy", ["smile"] = "happy", ["ha"] = "happy",
        ["sad"] = "sad", ["sadness"] = "sad", ["sa"] = "sad",
        ["surprise"] = "surprise", ["surprised"] = "surprise", ["su"] = "surprise",
        ["neutral"] = "neutral", ["neutrality"] = "neutral", ["calm"] = "neutral", ["ne"] = "neutral",
        ["contempt"] = "contempt", ["contemptuous"] = "contempt",
    };

    /// <summary>The canonical name for a class name or synonym ("Happiness" -> "happy"), or null when unknown.</summary>
    public static string? Canonical(string name)
    {
        var trimmed = name.Trim().Replace('-', '_');
        return Synonyms.TryGetValue(trimmed, out var canonical) ? canonical : null;
    }

    /// <summary>The name FER2013's CSV uses for an emotion code, or null for a code outside 0-6.</summary>
    public static string? FromFerCode(int code) => code is >= 0 and <= 6 ? Basic[code] : null;

    /// <summary>
    /// The ordered class list for a dataset: the basic seven always (so label i means the same in every set), then
    /// contempt and any other class names present, in a stable order.
    /// </summary>
    public static List<string> ClassListFor(IEnumerable<string> canonicalNamesPresent)
    {
        var classes = new List<string>(Basic);
        var present = canonicalNamesPresent.Distinct(StringComparer.Ordinal).ToList();
        foreach (var extra in Extra)
            if (present.Contains(extra)) classes.Add(extra);
        foreach (var other in present.Where(n => !classes.Contains(n)).OrderBy(n => n, StringComparer.Ordinal))
            classes.Add(other);
        return classes;
    }
}
