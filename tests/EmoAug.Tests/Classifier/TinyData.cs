using EmoAug.Data;

namespace EmoAug.Tests.Classifier;

/// <summary>Small synthetic sets that keep the classifier tests to seconds.</summary>
static class TinyData
{
    public static FaceDataset Faces(int size = 24, int train = 400, int val = 100, int test = 150, int seed = 0) =>
        SyntheticFaces.Generate(new SyntheticOptions(Seed: seed, Size: size, TrainCount: train, ValCount: val, TestCount: test));
}
