using EmoAug;
using System.CommandLine;
using System.Text.Json.Nodes;
using EmoAug.Cli;
using EmoAug.Cli.Commands;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace EmoAug.Tests.Classifier;

public class ClassifierCliTests
{
    static int Run(params string[] args) => CommandRunner.Run(EmoAugCommands.Root(), args);

    [Fact]
    public void WithNoOptionsTrainingTakesEachModelsBestRecipeAndPaperThePapersNetwork()
    {
        using var folder = new TempFolder();
        const string data = "synthetic:size=16,train=70,val=14,test=14";
        EmoAug.Training.ClassifierOptions Trained(string name, params string[] options)
        {
            var run = folder.File(name);
            Assert.Equal(0, Run(["train-classifier", "--data", data, "--size", "16", "--out", run, "--epochs", "1", "--threads", "1", .. options]));
            return EmoAug.Training.ClassifierCheckpoint.Read(Path.Combine(run, "last.ckpt")).Header.Training;
        }
        var best = Trained("default");
        Assert.Equal(EmoAug.Models.ClassifierNetwork.Vgg, best.Model);
        Assert.True(best.Augment);
        Assert.Equal(new EmoAug.Training.ClassicAugmentation().Scaled(0.5), best.Augmentation);
        Assert.Equal(24, EmoAug.Training.ClassifierRecipe.For(null, paper: false).Epochs);

        var paperCnn = Trained("paper-cnn", "--network", "paper-cnn");
        Assert.Equal(EmoAug.Models.ClassifierNetwork.PaperCnn, paperCnn.Model);
        Assert.Equal(new EmoAug.Models.ModelOptions(0.25, ExtraConv: true), paperCnn.ModelOptions);
        Assert.Equal(new EmoAug.Training.ClassicAugmentation().Scaled(0), paperCnn.Augmentation);

        var paper = Trained("paper", "--paper", "--dropout", "0.1");
        Assert.Equal(EmoAug.Models.ClassifierNetwork.PaperCnn, paper.Model);
        Assert.False(paper.Augment);
        Assert.Equal(new EmoAug.Models.ModelOptions(0.1), paper.ModelOptions); // a given option overrides the recipe
        Assert.Equal(30, EmoAug.Training.ClassifierRecipe.For(null, paper: true).Epochs);

        Assert.False(Trained("plain", "--no-augment").Augment);
        Assert.Equal(2, Run("train-classifier", "--data", data, "--out", folder.File("x"), "--paper", "--network", "vgg"));
        Assert.Equal(2, Run("train-classifier", "--data", data, "--out", folder.File("y"), "--augment", "--no-augment"));
    }

    [Fact]
    public void ADatasetOfOneClassIsRefusedForTraining()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("faces/happy"));
        for (int i = 0; i < 4; i++)
        {
            using var image = new Image<L8>(48, 48, new L8((byte)(40 * i)));
            image.SaveAsPng(folder.File($"faces/happy/{i}.png"));
        }
        Assert.Equal(2, Run("train-classifier", "--paper", "--data", folder.File("faces"), "--out", folder.File("run"), "--epochs", "1", "--threads", "1"));
        Assert.False(File.Exists(Path.Combine(folder.File("run"), "last.ckpt")));
    }

    [Fact]
    public void ARunFolderAnotherRunHoldsIsRefused_ThenFreeOnceItEnds()
    {
        using var folder = new TempFolder();
        var run = folder.File("run");
        const string data = "synthetic:size=16,train=80,val=20,test=20";
        using (RunFolderLock.Acquire(run))
        {
            Assert.Equal(2, Run("train-classifier", "--paper", "--data", data, "--size", "16", "--out", run, "--epochs", "1", "--threads", "1"));
            Assert.False(File.Exists(Path.Combine(run, "last.ckpt")));
            Assert.Equal(2, Run("train-gan", "--generator", "stargan", "--data", data, "--size", "16", "--out", run, "--iterations", "1",
                "--ngf", "4", "--ndf", "4", "--blocks", "1", "--d-layers", "3", "--threads", "1"));
            Assert.False(File.Exists(Path.Combine(run, "stargan.ckpt")));
            Assert.Throws<EmoAugException>(() => RunFolderLock.Acquire(run));
        }
        Assert.Equal(0, Run("train-classifier", "--paper", "--data", data, "--size", "16", "--out", run, "--epochs", "1", "--threads", "1"));
        Assert.True(File.Exists(Path.Combine(run, "last.ckpt")));
        // An --out that is a file, or lies under one, is named as such.
        var file = folder.File("notes.txt");
        File.WriteAllText(file, "keep");
        Assert.Equal("--out " + file + ": is a file; give a folder", Assert.Throws<EmoAugException>(() => RunFolderLock.Acquire(file)).Message);
        Assert.Contains(": " + file + " is a file", Assert.Throws<EmoAugException>(() => RunFolderLock.Acquire(Path.Combine(file, "run"))).Message);
        Assert.Equal(2, Run("train-classifier", "--paper", "--data", data, "--size", "16", "--out", file, "--epochs", "1", "--threads", "1"));
        Assert.Equal("keep", File.ReadAllText(file));
    }

    [Fact]
    public void ALossThatIsNoLongerANumberStopsEveryTrainerWithExit2AndNoCheckpoint()
    {
        using var folder = new TempFolder();
        const string data = "synthetic:size=24,train=200,val=20,test=20";
        Assert.Equal(2, Run("train-classifier", "--paper", "--data", data, "--size", "24", "--out", folder.File("classifier"), "--lr", "1e30",
            "--epochs", "2", "--threads", "1"));
        Assert.False(File.Exists(Path.Combine(folder.File("classifier"), "best.ckpt")));
        Assert.False(File.Exists(Path.Combine(folder.File("classifier"), "last.ckpt")));
        Assert.Equal(2, Run("train-gan", "--data", data, "--size", "24", "--from", "neutral", "--to", "happy", "--out", folder.File("cyclegan"),
            "--lr", "1e30", "--epochs", "1", "--decay-epochs", "0", "--ngf", "4", "--ndf", "4", "--blocks", "1", "--threads", "1"));
        Assert.False(File.Exists(Path.Combine(folder.File("cyclegan"), "cyclegan.ckpt")));
        Assert.Equal(2, Run("train-gan", "--generator", "stargan", "--data", data, "--size", "24", "--out", folder.File("stargan"),
            "--lr", "1e30", "--iterations", "4", "--ngf", "4", "--ndf", "4", "--blocks", "1", "--d-layers", "3", "--threads", "1"));
        Assert.False(File.Exists(Path.Combine(folder.File("stargan"), "stargan.ckpt")));
    }

    [Fact]
    public void TrainEvaluatePredictExportEndToEnd()
    {
        using var folder = new TempFolder();
        var run = folder.File("run");
        Assert.Equal(0, Run("train-classifier", "--paper", "--data", "synthetic", "--size", "16", "--out", run, "--epochs", "2",
            "--threads", "1", "--seed", "1"));
        Assert.True(File.Exists(Path.Combine(run, "best.ckpt")));

        var report = folder.File("report");
        Assert.Equal(0, Run("evaluate", "--model", run, "--data", "synthetic", "--json", "--out", report));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "evaluation-test.json")))!.AsObject();
        Assert.Equal("test", json["split"]!.GetValue<string>());
        Assert.Equal(300, json["count"]!.GetValue<int>());
        // Two epochs at 16 px learn little; what must hold is that the scores agree with the confusion matrix.
        var rows = json["confusion"]!.AsArray().Select(r => r!.AsArray().Select(c => c!.GetValue<int>()).ToArray()).ToArray();
        Assert.Equal(300, rows.Sum(r => r.Sum()));
        Assert.Equal(Enumerable.Range(0, rows.Length).Sum(i => rows[i][i]) / 300.0, json["accuracy"]!.GetValue<double>(), 12);
        foreach (var key in new[] { "balanced_accuracy", "macro_f1" }) Assert.InRange(json[key]!.GetValue<double>(), 0.0, 1.0);
        var perClass = json["per_class"]!.AsObject();
        Assert.Equal(7, perClass.Count);
        Assert.Equal(300, perClass.Sum(c => c.Value!["support"]!.GetValue<int>()));
        var confusion = json["confusion"]!.AsArray();
        Assert.Equal(7, confusion.Count);
        Assert.Equal(perClass["happy"]!["support"]!.GetValue<int>(), confusion[3]!.AsArray().Sum(v => v!.GetValue<int>()));
        Assert.True(File.Exists(Path.Combine(report, "confusion-test.png")));
        // --mirror scores faces with their mirror images into its own files, leaving the plain evaluation as it was.
        var plain = File.ReadAllText(Path.Combine(report, "evaluation-test.json"));
        Assert.Equal(0, Run("evaluate", "--model", run, "--data", "synthetic", "--mirror", "--out", report));
        var mirrored = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "evaluation-test-mirror.json")))!.AsObject();
        Assert.True(mirrored["mirror"]!.GetValue<bool>());
        Assert.Equal(300, mirrored["count"]!.GetValue<int>());
        Assert.Null(json["mirror"]);
        Assert.Equal(plain, File.ReadAllText(Path.Combine(report, "evaluation-test.json")));

        // A set with a class the model lacks: scored on the classes it knows, the others reported apart.
        foreach (var (name, count) in new[] { ("happy", 3), ("contempt", 2) })
        {
            Directory.CreateDirectory(folder.File($"ck/{name}"));
            for (int i = 0; i < count; i++)
                using (var face = new Image<L8>(20, 20, new L8((byte)(40 * i + 60)))) face.SaveAsPng(folder.File($"ck/{name}/{i}.png"));
        }
        Assert.Equal(0, Run("evaluate", "--model", run, "--data", folder.File("ck"), "--out", report));
        var withUnknown = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "evaluation-all.json")))!.AsObject();
        Assert.Equal(3, withUnknown["count"]!.GetValue<int>());
        Assert.Equal("contempt", withUnknown["unknown_classes"]![0]!["class"]!.GetValue<string>());
        Assert.Equal(2, withUnknown["unknown_classes"]![0]!["labelled_as"]!.AsObject().Sum(kv => kv.Value!.GetValue<int>()));

        var image = folder.File("face.png");
        using (var face = new Image<Rgb24>(64, 64, new Rgb24(90, 120, 150))) face.SaveAsPng(image);
        Assert.Equal(0, Run("predict", "--model", run, image, "--json"));
        var exported = folder.File("model.safetensors");
        Assert.Equal(0, Run("export", "--model", run, "--out", exported));
        Assert.True(File.Exists(exported));
        var onnx = folder.File("model.onnx");
        Assert.Equal(0, Run("export", "--model", run, "--out", onnx));
        using (var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx))
            Assert.Equal("paper-cnn", session.ModelMetadata.CustomMetadataMap["emoaug_model"]);
        Assert.Equal(0, Run("export", "--model", run, "--out", folder.File("model.bin"), "--format", "onnx"));
        Assert.Equal(2, Run("export", "--model", run, "--out", folder.File("model.bin")));
        Assert.Equal(2, Run("export", "--model", run, "--out", folder.File("model.x"), "--format", "tflite"));

        // Bad input: one-line user errors, exit code 2.
        Assert.Equal(2, Run("evaluate", "--model", run, "--data", "synthetic", "--split", "nonsense"));
        Assert.Equal(2, Run("evaluate", "--model", folder.File("missing.ckpt"), "--data", "synthetic"));
        Assert.Equal(2, Run("predict", "--model", run, folder.File("missing.png")));
        File.WriteAllText(folder.File("broken.png"), "not an image");
        Assert.Equal(2, Run("predict", "--model", run, folder.File("broken.png")));
        Assert.Equal(2, Run("train-classifier", "--paper", "--data", "synthetic", "--size", "16", "--out", run, "--epochs", "1"));
        Assert.Equal(2, Run("train-classifier", "--paper", "--data", "synthetic", "--out", folder.File("x"), "--optimizer", "rmsprop"));
        Assert.Equal(2, Run("train-classifier", "--paper", "--data", "synthetic", "--out", folder.File("y"), "--precision", "fp16"));
        Assert.False(Directory.Exists(folder.File("y")));
        Assert.Equal(2, Run("export", "--model", run, "--out", folder.File("no/such/folder/m.safetensors")));
    }

    [Fact]
    public void AugmentStrengthScalesTheRecordedAugmentationAndIsRefusedAlone()
    {
        using var folder = new TempFolder();
        var run = folder.File("run");
        Assert.Equal(0, Run("train-classifier", "--paper", "--data", "synthetic", "--size", "16", "--out", run, "--epochs", "1",
            "--threads", "1", "--augment", "--augment-strength", "0.5"));
        var recorded = EmoAug.Training.ClassifierCheckpoint.Read(Path.Combine(run, "last.ckpt")).Header.Training;
        Assert.True(recorded.Augment);
        var full = new EmoAug.Training.ClassicAugmentation();
        Assert.Equal(full.MaxShift / 2, recorded.Augmentation!.MaxShift, 12);
        Assert.Equal(full.MaxRotationDegrees / 2, recorded.Augmentation.MaxRotationDegrees, 12);
        Assert.Equal(full.Contrast / 2, recorded.Augmentation.Contrast, 12);
        Assert.Equal(full.FlipProbability, recorded.Augmentation.FlipProbability);

        // Resuming at another strength would train differently: refused.
        Assert.Equal(2, Run("train-classifier", "--paper", "--data", "synthetic", "--size", "16", "--out", run, "--epochs", "2",
            "--threads", "1", "--augment", "--resume"));
        Assert.Equal(2, Run("train-classifier", "--paper", "--data", "synthetic", "--size", "16", "--out", folder.File("b"),
            "--epochs", "1", "--augment-strength", "0.5"));
        Assert.Equal(2, Run("train-classifier", "--paper", "--data", "synthetic", "--size", "16", "--out", folder.File("c"),
            "--epochs", "1", "--augment", "--augment-strength", "-1"));
        // Strength 20 would shift faces by twice their width: refused before anything is written.
        Assert.Equal(2, Run("train-classifier", "--paper", "--data", "synthetic", "--size", "16", "--out", folder.File("d"),
            "--epochs", "1", "--augment", "--augment-strength", "20"));
        Assert.False(Directory.Exists(folder.File("d")));
        Assert.False(Directory.Exists(folder.File("b")) && Directory.EnumerateFileSystemEntries(folder.File("b")).Any());
    }

    [Fact]
    public void AugmentWithAddsTheGeneratedFacesItIsAskedForAndRecordsThem()
    {
        using var folder = new TempFolder();
        var generated = folder.File("generated");
        for (int i = 0; i < 3; i++)
        {
            Directory.CreateDirectory(Path.Combine(generated, "disgust"));
            using var face = new Image<L8>(16, 16, new L8((byte)(60 + 40 * i)));
            face.SaveAsPng(Path.Combine(generated, "disgust", $"g{i}.png"));
        }
        var run = folder.File("run");
        Assert.Equal(0, Run("train-classifier", "--paper", "--data", "synthetic", "--size", "16", "--out", run, "--epochs", "1",
            "--threads", "1", "--augment-with", generated, "--augment-per-class", "2"));
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "augmentation.json")))!;
        Assert.Equal(2, record["added"]!["disgust"]!.GetValue<int>());
        Assert.Equal(3, record["available"]!["disgust"]!.GetValue<int>());
        Assert.True(File.Exists(Path.Combine(run, "best.ckpt")));

        // A cap without generated faces is refused before anything is loaded or written.
        Assert.Equal(2, Run("train-classifier", "--paper", "--data", "synthetic", "--size", "16", "--out", folder.File("b"),
            "--epochs", "1", "--augment-per-class", "2"));
        Assert.False(Directory.Exists(folder.File("b")));
    }
}
