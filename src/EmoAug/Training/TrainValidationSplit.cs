using EmoAug.Data;

namespace EmoAug.Training;

/// <summary>
/// Which images a classifier trains on and which it is selected on. Training uses the train-role split (FER2013
/// "Training", "train"); selection the validation-role split ("PublicTest", "val"). Without a validation split, a
/// seeded stratified share of the training images is held out. Test-role images are never touched.
/// </summary>
public sealed record TrainValidationSplit(int[] Train, int[] Validation, bool HeldOut)
{
    public static TrainValidationSplit Of(FaceDataset data, double holdoutFraction, int seed)
    {
        var splits = data.Samples.Select(s => s.Split).ToArray();
        bool anyTrainRole = splits.Any(SplitRoles.IsTrain);
        // Data without named splits (one folder of classes) train on everything that is not validation or test.
        var train = Enumerable.Range(0, data.Count)
            .Where(i => anyTrainRole ? SplitRoles.IsTrain(splits[i]) : !SplitRoles.IsValidation(splits[i]) && !SplitRoles.IsTest(splits[i]))
            .ToArray();
        if (train.Length == 0)
            throw new EmoAugException($"{data.Format} data: no training images (splits present: {string.Join(", ", data.SplitNames())})");
        var validation = Enumerable.Range(0, data.Count).Where(i => SplitRoles.IsValidation(splits[i])).ToArray();
        if (validation.Length > 0) return new TrainValidationSplit(train, validation, false);

        var labels = data.LabelArray();
        var (keep, holdout) = Splits.Stratified(train.Select(i => labels[i]).ToList(), holdoutFraction, seed);
        if (keep.Length == 0 || holdout.Length == 0)
            throw new EmoAugException($"{data.Format} data: too few training images ({train.Length}) to hold out a validation part");
        return new TrainValidationSplit(keep.Select(i => train[i]).ToArray(), holdout.Select(i => train[i]).ToArray(), true);
    }
}
