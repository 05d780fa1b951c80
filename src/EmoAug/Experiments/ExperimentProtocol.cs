using EmoAug.Data;
using EmoAug.Data.Loading;
using EmoAug.Experiments.Planning;

namespace EmoAug.Experiments;

/// <summary>One fold of an experiment: indices into the loaded dataset to train on, to select on (may be empty: the
/// classifier then holds out part of its training images) and to report on.</summary>
public sealed record ExperimentFold(string Name, int[] Train, int[] Validation, int[] Test);

/// <summary>
/// Turns a dataset and a protocol name into folds. "official": the dataset's own splits (FER2013 Training /
/// PublicTest / PrivateTest, SFEW train / val, or train / val / test folders); "loso": leave one subject out;
/// "subject-kfold": k folds of whole subjects; "kfold": stratified k-fold; "split": one stratified 80/20 split.
/// "auto" picks the one the dataset's community uses.
/// </summary>
public static class ExperimentProtocol
{

    /// <summary>The protocol "auto" stands for on this dataset.</summary>
    public static string Auto(DatasetSummary data)
    {
        if (data.Format == ClosedSet.Name(DataFormat.Jaffe)) return "loso";
        var splits = data.SplitNames();
        if (splits.Any(SplitRoles.IsTrain) && splits.Any(s => SplitRoles.IsTest(s) || SplitRoles.IsValidation(s))) return "official";
        // Where the data say who is in every image (KDEF, an image list with a subject column), a random split would
        // put one person's faces on both sides and reward recognising people rather than expressions.
        if (data.Samples.All(s => s.Subject != null) && data.Samples.Select(s => s.Subject).Distinct().Count() >= 2)
            return "subject-kfold";
        return "split";
    }

    /// <summary>The folds, and the protocol's name (the one <see cref="ProtocolName.Auto"/> stands for, if given).</summary>
    public static (string Protocol, List<ExperimentFold> Folds) Folds(DatasetSummary data, ProtocolName protocol, int k, int seed)
    {
        var name = protocol == ProtocolName.Auto ? Auto(data) : ClosedSet.Name(protocol);
        if (name is "kfold" or "subject-kfold" && k < 2) throw new EmoAugException($"--folds {k}: {name} needs at least 2 folds");
        var labels = data.Labels;
        var all = Enumerable.Range(0, data.Count).ToArray();
        var folds = name switch
        {
            "official" => [Official(data)],
            "loso" => SubjectFolds(data, name, k: 0),
            "subject-kfold" => SubjectFolds(data, name, k),
            "kfold" => Splits.StratifiedKFold(labels, k, seed).Select(f => new ExperimentFold(f.Name, f.Train, [], f.Test)).ToList(),
            _ => [SingleSplit(labels, seed)],
        };
        return (name, folds);
    }

    /// <summary>One fold per person (k = 0) or k folds of whole persons; refused, naming an image, where the dataset
    /// does not say who is in it.</summary>
    static List<ExperimentFold> SubjectFolds(DatasetSummary data, string protocol, int k)
    {
        var unnamed = data.Samples.FirstOrDefault(s => s.Subject == null);
        if (unnamed != null)
            throw new EmoAugException($"--protocol {protocol}: {unnamed.Source} has no subject; subject-independent folds need " +
                "every image's person (JAFFE's or KDEF's file names, or a subject column in an image list); use kfold or split");
        return Splits.SubjectKFold(data.Samples.Select(s => s.Subject).ToList(), k)
            .Select(f => new ExperimentFold(f.Name, f.Train, [], f.Test)).ToList();
    }

    /// <summary>
    /// The dataset's own splits: train on the training split, report on the test split, select on the validation
    /// split when there are both (FER2013's PublicTest); with only train and val (SFEW), report on val and select on a
    /// holdout of train, since SFEW's test labels were never released.
    /// </summary>
    static ExperimentFold Official(DatasetSummary data)
    {
        int[] Where(Func<string, bool> role) =>
            Enumerable.Range(0, data.Count).Where(i => role(data.Samples[i].Split)).ToArray();
        var train = Where(SplitRoles.IsTrain);
        var validation = Where(SplitRoles.IsValidation);
        var test = Where(SplitRoles.IsTest);
        if (train.Length == 0) throw new EmoAugException("--protocol official: the data have no training split");
        if (test.Length == 0)
        {
            if (validation.Length == 0) throw new EmoAugException("--protocol official: the data have no test or validation split");
            (test, validation) = (validation, []);
        }
        return new ExperimentFold("official", train, validation, test);
    }

    static ExperimentFold SingleSplit(IReadOnlyList<long> labels, int seed)
    {
        var (train, test) = Splits.Stratified(labels, 0.2, seed);
        return new ExperimentFold("split", train, [], test);
    }
}
