using EmoAug.Data;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Training;

namespace EmoAug.Tests.Gan;

/// <summary>Small synthetic data and tiny network options so the GAN tests stay fast.</summary>
static class GanTestData
{
    public static FaceDataset Small(int train = 400) =>
        SyntheticFaces.Generate(new SyntheticOptions(Seed: 3, TrainCount: train, ValCount: 20, TestCount: 20));

    public static CycleGanOptions Tiny(int epochs = 1, int decay = 1) =>
        new(Epochs: epochs, DecayEpochs: decay, Ngf: 4, Ndf: 4, Blocks: 1, BatchSize: 2, PoolSize: 3, SampleCount: 2);

    /// <summary>Every weight of the four networks, in order: equal arrays mean equal networks.</summary>
    public static float[] Parameters(CycleGanNetworks networks) =>
        networks.All.SelectMany(m => m.parameters()).SelectMany(p => p.detach().flatten().data<float>().ToArray()).ToArray();
}
