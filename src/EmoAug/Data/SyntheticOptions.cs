namespace EmoAug.Data;

/// <summary>Options of the built-in synthetic face set ("synthetic" wherever a data path is accepted).</summary>
/// <param name="Seed">Same seed, same faces.</param>
/// <param name="Size">Side of the square gray images, in pixels (default 48, as FER2013).</param>
/// <param name="TrainCount">Images in the "train" split; classes are imbalanced like FER2013's (disgust rare).</param>
/// <param name="ValCount">Images in the "val" split, same class proportions.</param>
/// <param name="TestCount">Images in the "test" split, same class proportions.</param>
/// <param name="Subjects">Number of distinct synthetic identities, spread over all splits.</param>
public sealed record SyntheticOptions(int Seed = 0, int Size = 48, int TrainCount = 2000, int ValCount = 300,
    int TestCount = 300, int Subjects = 40)
{
    /// <summary>FER2013's training-class shares (angry, disgust, fear, happy, sad, surprise, neutral).</summary>
    public static readonly IReadOnlyList<double> FerClassShares =
        [3995 / 28709.0, 436 / 28709.0, 4097 / 28709.0, 7215 / 28709.0, 4830 / 28709.0, 3171 / 28709.0, 4965 / 28709.0];
}
