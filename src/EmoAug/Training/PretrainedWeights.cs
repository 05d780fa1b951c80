using EmoAug.Data;
using EmoAug.Evaluation;
using EmoAug.Models;
using System.Runtime.InteropServices;

namespace EmoAug.Training;

/// <summary>
/// Starting a classifier from another one's weights instead of random ones (<see cref="ClassifierOptions.InitFrom"/>):
/// fine-tuning a model trained on a large set (FER2013) on a small one (JAFFE, SFEW). Every layer is taken, the last
/// one too, so the two must have the same network, classes (in the same order) and image size. Inputs are still
/// standardised by the new training data's own mean and deviation, which lines up the gray levels of the two sets.
/// </summary>
public static class PretrainedWeights
{
    /// <summary>The checkpoint file <paramref name="initFrom"/> names (itself, or a run folder's best.ckpt), or a
    /// one-line error naming --init-from.</summary>
    public static string Resolve(string initFrom)
    {
        try
        {
            return TrainedClassifier.ResolvePath(initFrom);
        }
        catch (EmoAugException ex)
        {
            throw new EmoAugException($"--init-from {ex.Message}");
        }
    }

    /// <summary>Loads the weights named by <paramref name="initFrom"/> (a checkpoint or a run folder) into
    /// <paramref name="model"/>, or throws a one-line error naming --init-from and what does not fit.</summary>
    public static void LoadInto(ClassifierModel model, string initFrom, ClassifierOptions options, FaceDataset data)
    {
        var path = Resolve(initFrom);
        ClassifierCheckpoint checkpoint;
        try
        {
            checkpoint = ClassifierCheckpoint.Read(path);
        }
        catch (EmoAugException ex)
        {
            throw new EmoAugException($"--init-from {ex.Message}");
        }
        var header = checkpoint.Header;
        var modelOptions = options.ModelOptions ?? new ModelOptions();
        if (header.Model != options.Model)
            throw new EmoAugException($"--init-from {path}: a {ClosedSet.Name(header.Model)} network, but this run trains {ClosedSet.Name(options.Model)}");
        if (header.ModelOptions.ExtraConv != modelOptions.ExtraConv)
            throw new EmoAugException($"--init-from {path}: {(header.ModelOptions.ExtraConv ? "has" : "lacks")} the extra convolution; this run {(modelOptions.ExtraConv ? "has" : "lacks")} it (--extra-conv)");
        if (!header.ClassNames.SequenceEqual(data.ClassNames))
            throw new EmoAugException($"--init-from {path}: classes {string.Join(",", header.ClassNames)}, the data have {string.Join(",", data.ClassNames)}");
        if (header.Size != data.Height)
            throw new EmoAugException($"--init-from {path}: takes {header.Size}x{header.Size} faces, the data are {data.Height}x{data.Width}");
        try
        {
            checkpoint.LoadWeights(model);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ExternalException)
        {
            throw new EmoAugException($"--init-from {path}: the weights do not fit this {ClosedSet.Name(options.Model)} network ({ex.Message.Split('\n')[0]})");
        }
    }
}
