using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Runtime;
using EmoAug.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Gan;

[Collection(SharedRandomGenerator.Name)]
public class CycleGanTrainerTests
{
    public CycleGanTrainerTests() => TorchRuntime.Ensure();

    [Fact]
    public void WritesGridCurvesAndCheckpointEveryEpoch()
    {
        using var data = GanTestData.Small();
        using var folder = new TempFolder();
        // More sample faces than the 6 disgust images: the grid pads the shorter half.
        using var trainer = new CycleGanTrainer(data, "neutral", "disgust", GanTestData.Tiny() with { SampleCount = 8 }, folder.Path);
        var finished = new List<int>();
        trainer.Train(p => { if (p.EpochFinished) finished.Add(p.Epoch); });
        Assert.Equal(new[] { 1, 2 }, finished);
        Assert.True(File.Exists(Path.Combine(folder.Path, "samples", "epoch_001.png")));
        Assert.True(File.Exists(Path.Combine(folder.Path, "samples", "epoch_002.png")));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(folder.Path, "losses.csv")).Length);
        Assert.True(new FileInfo(Path.Combine(folder.Path, "losses.png")).Length > 1000);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
        var header = CycleGanCheckpoint.ReadHeader(trainer.CheckpointPath);
        Assert.Equal(2, header.CompletedEpochs);
        Assert.Equal(("neutral", "disgust", 48), (header.FromClass, header.ToClass, header.Size));
        Assert.Equal(trainer.Options, header.Options);
        Assert.Equal(2, header.History.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CheckpointRoundTripGivesTheSameOutputs(bool residual)
    {
        using var data = GanTestData.Small();
        using var folder = new TempFolder();
        using var trainer = new CycleGanTrainer(data, "neutral", "disgust", GanTestData.Tiny(1, 0) with { ResidualGenerator = residual }, folder.Path);
        trainer.Train();
        // Networks rebuilt from the options read back from disk, as generate and gan-quality do.
        var saved = CycleGanCheckpoint.ReadHeader(trainer.CheckpointPath).Options;
        Assert.Equal(residual, saved.ResidualGenerator);
        using var restored = new CycleGanNetworks(saved with { Seed = 99 }, CPU);
        Assert.Equal(residual, restored.GeneratorAB.Residual);
        CycleGanCheckpoint.Load(trainer.CheckpointPath, restored);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = rand(2, 1, 48, 48) * 2 - 1;
        trainer.Networks.GeneratorAB.eval();
        Assert.True(trainer.Networks.GeneratorAB.call(x).eq(restored.GeneratorAB.call(x)).all().item<bool>());
        Assert.True(trainer.Networks.GeneratorBA.call(x).eq(restored.GeneratorBA.call(x)).all().item<bool>());
        Assert.True(trainer.Networks.DiscriminatorB.call(x).eq(restored.DiscriminatorB.call(x)).all().item<bool>());
    }

    [Fact]
    public void TheHeaderIsSnakeCaseAndAVersion2CheckpointWithPropertyNamesStillLoads()
    {
        using var data = GanTestData.Small();
        using var folder = new TempFolder();
        using var trainer = new CycleGanTrainer(data, "neutral", "disgust", GanTestData.Tiny(1, 0), folder.Path);
        trainer.Train();
        var body = ChecksummedFile.ReadVerified(trainer.CheckpointPath);
        string json;
        byte[] tensors;
        using (var reader = new BinaryReader(new MemoryStream(body)))
        {
            Assert.Equal("EMOAUG-CYCLEGAN", reader.ReadString());
            Assert.Equal(3, reader.ReadInt32());
            json = reader.ReadString();
            tensors = reader.ReadBytes(body.Length - (int)reader.BaseStream.Position);
        }
        Assert.Contains("\"completed_epochs\":1", json);
        Assert.Contains("\"lambda_cycle\":", json);
        Assert.DoesNotContain("CompletedEpochs", json);

        // The same checkpoint as a build before 2026-12-03 wrote it: version 2, .NET's property names.
        var header = CycleGanCheckpoint.ReadHeader(trainer.CheckpointPath);
        var legacy = Path.Combine(folder.Path, "legacy.ckpt");
        ChecksummedFile.Write(legacy, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write("EMOAUG-CYCLEGAN");
            writer.Write(2);
            writer.Write(System.Text.Json.JsonSerializer.Serialize(header with { Version = 2 }));
            writer.Write(tensors);
        });
        var read = CycleGanCheckpoint.ReadHeader(legacy);
        Assert.Equal(header.Options, read.Options);
        Assert.Equal((header.FromClass, header.ToClass, header.CompletedEpochs, header.Size), (read.FromClass, read.ToClass, read.CompletedEpochs, read.Size));
        using var restored = new CycleGanNetworks(read.Options, CPU);
        CycleGanCheckpoint.Load(legacy, restored);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = rand(2, 1, 48, 48) * 2 - 1;
        trainer.Networks.GeneratorAB.eval();
        Assert.True(trainer.Networks.GeneratorAB.call(x).eq(restored.GeneratorAB.call(x)).all().item<bool>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ResumingAfterAStopEqualsTheUninterruptedRun(bool diffAugment)
    {
        using var data = GanTestData.Small();
        using var straight = new TempFolder();
        using var interrupted = new TempFolder();
        var options = GanTestData.Tiny(2, 1) with { DiffAugment = diffAugment };
        float[] expected;
        using (var trainer = new CycleGanTrainer(data, "neutral", "disgust", options, straight.Path))
        {
            trainer.Train();
            expected = GanTestData.Parameters(trainer.Networks);
        }
        using (var trainer = new CycleGanTrainer(data, "neutral", "disgust", options, interrupted.Path))
            trainer.Train(maxEpochs: 1); // as if killed during epoch 2: only epoch 1's checkpoint exists
        using (var resumed = CycleGanTrainer.Resume(data, interrupted.Path))
        {
            Assert.Equal(1, resumed.CompletedEpochs);
            Assert.Equal(diffAugment, resumed.Options.DiffAugment);
            resumed.Train();
            Assert.Equal(3, resumed.CompletedEpochs);
            Assert.Equal(expected, GanTestData.Parameters(resumed.Networks));
        }
        Assert.Equal(File.ReadAllLines(Path.Combine(straight.Path, "losses.csv")).Select(DropSeconds),
            File.ReadAllLines(Path.Combine(interrupted.Path, "losses.csv")).Select(DropSeconds));
    }

    [Fact]
    public void DiffAugmentChangesWhatIsLearntAndIsWrittenOnlyWhenOn()
    {
        using var data = GanTestData.Small();
        float[] Train(bool diffAugment)
        {
            using var folder = new TempFolder();
            using var trainer = new CycleGanTrainer(data, "neutral", "disgust", GanTestData.Tiny(1, 0) with { DiffAugment = diffAugment }, folder.Path);
            trainer.Train();
            return GanTestData.Parameters(trainer.Networks);
        }
        Assert.NotEqual(Train(false), Train(true));
        // Off, the option is not written, so checkpoints and experiment settings from before it existed still match.
        Assert.DoesNotContain("DiffAugment", System.Text.Json.JsonSerializer.Serialize(new CycleGanOptions()));
        var on = System.Text.Json.JsonSerializer.Serialize(new CycleGanOptions(DiffAugment: true));
        Assert.True(System.Text.Json.JsonSerializer.Deserialize<CycleGanOptions>(on)!.DiffAugment);
    }

    static string DropSeconds(string line)
    {
        var fields = line.Split(',');
        return string.Join(',', fields.Where((_, i) => i != 3));
    }

    [Fact]
    public void RefusesValidationAndTestData()
    {
        using var data = GanTestData.Small();
        using var testOnly = data.WhereSplit("test");
        using var folder = new TempFolder();
        var error = Assert.Throws<EmoAugException>(() =>
            new CycleGanTrainer(testOnly, "neutral", "disgust", GanTestData.Tiny(), folder.Path));
        Assert.Contains("'test' (test)", error.Message);
        var splitError = Assert.Throws<EmoAugException>(() =>
            new CycleGanTrainer(data, "neutral", "disgust", GanTestData.Tiny(), folder.Path, split: "val"));
        Assert.Contains("--split val", splitError.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void UnknownClassAndBadOptionsNameTheOption()
    {
        using var data = GanTestData.Small();
        using var folder = new TempFolder();
        Assert.Contains("--to boredom", Assert.Throws<EmoAugException>(() =>
            new CycleGanTrainer(data, "neutral", "boredom", GanTestData.Tiny(), folder.Path)).Message);
        Assert.Contains("--batch-size 0", Assert.Throws<EmoAugException>(() =>
            new CycleGanTrainer(data, "neutral", "disgust", GanTestData.Tiny() with { BatchSize = 0 }, folder.Path)).Message);
    }

    [Fact]
    public void GenerationWritesALabelledFolderWithAManifest()
    {
        using var data = GanTestData.Small();
        using var run = new TempFolder();
        using var output = new TempFolder();
        using (var trainer = new CycleGanTrainer(data, "neutral", "disgust", GanTestData.Tiny(1, 0), run.Path))
            trainer.Train();
        var checkpoint = CycleGanCheckpoint.Resolve(run.Path);
        using (var faces = FaceGeneration.Generate(checkpoint, data, new GenerationOptions(Count: 5, Seed: 1), output.Path))
        {
            Assert.Equal(new long[] { 5, 1, 48, 48 }, faces.Generated.shape);
            Assert.Equal(faces.Generated.shape, faces.Sources.shape);
            Assert.Equal("disgust", faces.TargetClass);
        }
        Assert.Equal(5, Directory.GetFiles(Path.Combine(output.Path, "disgust"), "*.png").Length);
        var manifest = File.ReadAllLines(Path.Combine(output.Path, FaceGeneration.ManifestName));
        Assert.Equal(6, manifest.Length);
        Assert.StartsWith("file,class,source_image", manifest[0]);
        Assert.All(manifest.Skip(1), row => Assert.Contains(",disgust,synthetic:", row));
        // The other direction adds to the same manifest.
        using (FaceGeneration.Generate(checkpoint, data, new GenerationOptions(Count: 2, Direction: "b2a"), output.Path)) { }
        Assert.Equal(2, Directory.GetFiles(Path.Combine(output.Path, "neutral"), "*.png").Length);
        Assert.Equal(8, File.ReadAllLines(Path.Combine(output.Path, FaceGeneration.ManifestName)).Length);
        // Sources come from the training split only.
        var trainSources = data.Samples.Where(s => s.Split == "train").Select(s => s.Source).ToHashSet();
        Assert.All(File.ReadAllLines(Path.Combine(output.Path, FaceGeneration.ManifestName)).Skip(1),
            row => Assert.Contains(row.Split(',')[2], trainSources));
    }

    [Fact]
    public void AJudgeKeepsTheGeneratedFacesItScoresHighest()
    {
        using var data = GanTestData.Small();
        using var run = new TempFolder();
        using (var trainer = new CycleGanTrainer(data, "neutral", "disgust", GanTestData.Tiny(1, 0), run.Path))
            trainer.Train();
        var checkpoint = CycleGanCheckpoint.Resolve(run.Path);
        // A stub judge: the brighter the face, the more "disgust".
        static Tensor Brightness(Tensor faces) => faces.to_type(ScalarType.Float32).flatten(1).mean([1]);

        using var all = new TempFolder();
        using var everyFace = FaceGeneration.Generate(checkpoint, data, new GenerationOptions(Count: 8, Seed: 2), all.Path);
        var brightness = Brightness(everyFace.Generated).data<float>().ToArray();
        var brightest = Enumerable.Range(0, 8).OrderByDescending(i => brightness[i]).Take(3).Order().ToArray();

        using var judged = new TempFolder();
        using (var kept = FaceGeneration.Generate(checkpoint, data, new GenerationOptions(Count: 8, Seed: 2, Keep: 3), judged.Path, Brightness))
        {
            Assert.Equal(3, kept.Files.Count);
            Assert.Equal(brightest.Select(i => everyFace.Files[i]), kept.Files);
            using var expected = everyFace.Generated.index_select(0, tensor(brightest.Select(i => (long)i).ToArray()));
            Assert.True(expected.eq(kept.Generated).all().item<bool>());
            using var expectedSources = everyFace.Sources.index_select(0, tensor(brightest.Select(i => (long)i).ToArray()));
            Assert.True(expectedSources.eq(kept.Sources).all().item<bool>());
        }
        Assert.Equal(3, Directory.GetFiles(Path.Combine(judged.Path, "disgust"), "*.png").Length);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(judged.Path, FaceGeneration.ManifestName)).Length);

        // Keeping needs a judge, and cannot keep more than it generates; neither writes anything.
        using var refused = new TempFolder();
        Assert.Contains("--keep", Assert.Throws<EmoAugException>(() =>
            FaceGeneration.Generate(checkpoint, data, new GenerationOptions(Count: 8, Keep: 3), refused.Path)).Message);
        Assert.Contains("--keep 9", Assert.Throws<EmoAugException>(() =>
            FaceGeneration.Generate(checkpoint, data, new GenerationOptions(Count: 8, Keep: 9), refused.Path, Brightness)).Message);
        Assert.Empty(Directory.GetFileSystemEntries(refused.Path));
    }

    [Fact]
    public void AFlippedByteInTheCheckpointIsRefusedByResumeAndGeneration()
    {
        using var data = GanTestData.Small();
        using var folder = new TempFolder();
        using (var trainer = new CycleGanTrainer(data, "neutral", "disgust", GanTestData.Tiny() with { Epochs = 1, DecayEpochs = 0 }, folder.Path))
            trainer.Train();
        var path = Path.Combine(folder.Path, CycleGanCheckpoint.FileName);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length * 2 / 3] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        Assert.Contains($"{path}: damaged", Assert.Throws<EmoAugException>(() => CycleGanTrainer.Resume(data, folder.Path)).Message);
        using var output = new TempFolder();
        Assert.Contains("damaged", Assert.Throws<EmoAugException>(() =>
            FaceGeneration.Generate(path, data, new GenerationOptions(Count: 2), output.Path)).Message);
        Assert.Empty(Directory.GetFileSystemEntries(output.Path));
    }
}
