namespace EmoAug.Data;

/// <summary>
/// What a dataset's own split names mean for a protocol: FER2013's Training / PublicTest / PrivateTest,
/// SFEW's train / val, and the usual train / val / test folder names.
/// </summary>
public static class SplitRoles
{
    static readonly HashSet<string> TrainNames = new(StringComparer.OrdinalIgnoreCase) { "train", "training", "trn" };
    static readonly HashSet<string> ValidationNames = new(StringComparer.OrdinalIgnoreCase)
        { "val", "valid", "validation", "dev", "publictest", "public_test" };
    static readonly HashSet<string> TestNames = new(StringComparer.OrdinalIgnoreCase)
        { "test", "testing", "tst", "privatetest", "private_test" };

    public static bool IsTrain(string split) => TrainNames.Contains(split);
    public static bool IsValidation(string split) => ValidationNames.Contains(split);
    public static bool IsTest(string split) => TestNames.Contains(split);

    /// <summary>The name a dataset without splits gives all its images.</summary>
    public const string All = "all";

    /// <summary>
    /// Null for a split name with a role (or "all"); otherwise why it is refused, naming the closest known name: a
    /// misspelt split ("Trainingg") would become a split of its own and its images would drop out of training.
    /// </summary>
    public static string? Unknown(string split)
    {
        if (IsSplitName(split) || split.Equals(All, StringComparison.OrdinalIgnoreCase)) return null;
        var known = new[] { "Training", "PublicTest", "PrivateTest", "train", "val", "test", All }
            .Concat(TrainNames).Concat(ValidationNames).Concat(TestNames);
        return $"unknown split '{split}' (did you mean '{EditDistance.Closest(split, known)}'? splits are train, val, test, " +
               "FER2013's Training, PublicTest, PrivateTest, or all)";
    }

    /// <summary>True when a folder name is a split name rather than a class name.</summary>
    public static bool IsSplitName(string name) => IsTrain(name) || IsValidation(name) || IsTest(name);
}
