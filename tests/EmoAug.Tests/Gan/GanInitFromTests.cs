using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Runtime;
using EmoAug.Training;
using TorchSharp;
using Xunit;

namespace EmoAug.Tests.Gan;

/// <summary>train-gan --init-from: a run starts from another CycleGAN's four networks.</summary>
[Collection(SharedRandomGenerator.Name)]
public class GanInitFromTests
{
    public GanInitFromTests() => TorchRuntime.Ensure();

    [Fact]
    public void ARunStartsFromTheGivenGan_AndResumesWithoutIt()
    {
        using var data = GanTestData.Small();
        using var first = new TempFolder();
        float[] trained;
        using (var disgust = new CycleGanTrainer(data, "neutral", "disgust", GanTestData.Tiny(1, 0), first.Path))
        {
            disgust.Train();
            trained = GanTestData.Parameters(disgust.Networks);
        }

        // Another target and another seed: random weights would differ, the started ones must not.
        var options = GanTestData.Tiny(1, 1) with { Seed = 5, InitFrom = first.Path };
        using var folder = new TempFolder();
        using (var happy = new CycleGanTrainer(data, "neutral", "happy", options, folder.Path))
        {
            Assert.Equal(trained, GanTestData.Parameters(happy.Networks));
            happy.Train(maxEpochs: 1);
            Assert.NotEqual(trained, GanTestData.Parameters(happy.Networks));
        }
        using var scratchFolder = new TempFolder();
        using (var scratch = new CycleGanTrainer(data, "neutral", "happy", options with { InitFrom = null }, scratchFolder.Path))
            Assert.NotEqual(trained, GanTestData.Parameters(scratch.Networks));
        Assert.Equal(first.Path, CycleGanCheckpoint.ReadHeader(Path.Combine(folder.Path, CycleGanCheckpoint.FileName)).Options.InitFrom);

        // A resume loads its own checkpoint, not the starting GAN, which may be gone by then.
        Directory.Delete(first.Path, recursive: true);
        using var resumed = CycleGanTrainer.Resume(data, folder.Path);
        resumed.Train();
        Assert.Equal(2, resumed.CompletedEpochs);
    }

    [Fact]
    public void AGanOfOtherSizesOrNoneIsRefusedByName()
    {
        using var data = GanTestData.Small();
        using var first = new TempFolder();
        using (var disgust = new CycleGanTrainer(data, "neutral", "disgust", GanTestData.Tiny(1, 0), first.Path)) disgust.Train();
        using var folder = new TempFolder();

        var wider = Assert.Throws<EmoAugException>(() =>
            new CycleGanTrainer(data, "neutral", "happy", GanTestData.Tiny() with { Ngf = 8, InitFrom = first.Path }, folder.Path));
        Assert.StartsWith($"--init-from {first.Path}: its networks are --ngf 4", wider.Message);
        var missing = Path.Combine(folder.Path, "none");
        var absent = Assert.Throws<EmoAugException>(() =>
            new CycleGanTrainer(data, "neutral", "happy", GanTestData.Tiny() with { InitFrom = missing }, folder.Path));
        Assert.StartsWith($"--init-from {missing}:", absent.Message);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
