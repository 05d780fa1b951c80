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

    /// <summary>True when a folder name is a split name rather than a class name.</summary>
    public static bool IsSplitName(string name) => IsTrain(name) || IsValidation(name) || IsTest(name);
}
