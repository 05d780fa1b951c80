using System.Diagnostics;
using EmoAug.Data;
using EmoAug.Training;
using EmoAug.Models;
using EmoAug.Runtime;
using TorchSharp;
using static TorchSharp.torch;

// Measures training images per second of one model: full training steps (batch built from uint8 images as the
// trainer does, forward, backward, Adam step) on the synthetic set; prints each repeat and the median.
string model = args.Length > 0 ? args[0] : "paper-cnn";
int batch = args.Length > 1 && model != "checkpoint" ? int.Parse(args[1]) : 64;
int threads = args.Length > 2 ? int.Parse(args[2]) : 2;
int steps = args.Length > 3 ? int.Parse(args[3]) : 20;
int repeats = args.Length > 4 ? int.Parse(args[4]) : 3;
if (model == "checkpoint")
{
    // Training steps from a trained run's last.ckpt (weights and Adam state) against the same network freshly
    // initialised, alternating: checkpoint PATH batch threads steps repeats flush(on|off). Flush-to-zero is set (or
    // cleared) before LibTorch starts its threads, which inherit it, as TorchRuntime.Ensure does.
    var path = args[1];
    batch = int.Parse(args[2]); threads = int.Parse(args[3]); steps = int.Parse(args[4]); repeats = int.Parse(args[5]);
    bool flush = args[6] == "on";
    Denormals.FlushToZero(flush);
    torch.InitializeDeviceType(DeviceType.CPU);
    torch.set_num_threads(threads);
    var saved = ClassifierCheckpoint.Read(path);
    using var faces = SyntheticFaces.Generate(new SyntheticOptions());
    var normalise = InputNormalisation.Of(faces.Images);
    var trained = new List<double>();
    var fresh = new List<double>();
    for (int r = 0; r <= repeats; r++)
        foreach (bool fromCheckpoint in new[] { true, false })
        {
            using var network = ClassifierModels.Create(saved.Header.Model, saved.Header.ClassNames.Count, saved.Header.Size, saved.Header.ModelOptions);
            using var opt = optim.Adam(network.parameters(), 1e-4, weight_decay: 1e-4);
            if (fromCheckpoint) { saved.LoadWeights(network); saved.LoadOptimizer(opt); }
            network.train();
            var clock = Stopwatch.StartNew();
            for (int s = 0; s < steps; s++)
            {
                using var scope = NewDisposeScope();
                var index = randint(0, faces.Count, [batch]);
                var x = normalise.Apply(faces.Images.index_select(0, index).to(ScalarType.Float32));
                var loss = nn.functional.cross_entropy(network.forward(x), faces.Labels.index_select(0, index));
                opt.zero_grad();
                loss.backward();
                opt.step();
            }
            if (r > 0) (fromCheckpoint ? trained : fresh).Add(steps * batch / clock.Elapsed.TotalSeconds); // r 0: warm-up
        }
    double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
    Console.WriteLine($"flush-to-zero {(flush ? "on " : "off")}, {threads} threads: trained {Median(trained):F0} img/s, fresh {Median(fresh):F0} img/s, " +
                      $"ratio {Median(trained) / Median(fresh):F2} (trained {string.Join(", ", trained.Select(v => v.ToString("F0")))}; fresh {string.Join(", ", fresh.Select(v => v.ToString("F0")))})");
    return;
}
TorchRuntime.Ensure(threads);
manual_seed(0);
if (model == "learn")
{
    // How fast paper-cnn learns the synthetic faces: learn size train epochs batch lr
    int side = int.Parse(args[1]), train = int.Parse(args[2]), epochs = int.Parse(args[3]), size16 = int.Parse(args[4]);
    double lr = double.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture);
    using var faces = SyntheticFaces.Generate(new SyntheticOptions(Size: side, TrainCount: train, ValCount: 150, TestCount: 10));
    var folder = Path.Combine(Path.GetTempPath(), "emoaug-learn-" + Guid.NewGuid().ToString("N"));
    var clockAll = Stopwatch.StartNew();
    new ClassifierTrainer(new ClassifierOptions(Epochs: epochs, BatchSize: size16, LearningRate: lr, Threads: 2, Seed: 3),
        p => { if (p.Completed is { } m) Console.WriteLine($"{string.Join(" ", args)} epoch {m.Epoch}: val acc {m.ValidationAccuracy:F3} f1 {m.ValidationMacroF1:F3} t {clockAll.Elapsed.TotalSeconds:F0}s"); })
        .Train(faces, folder, "synthetic");
    Directory.Delete(folder, true);
    return;
}
if (model == "ops")
{
    // Where a paper-cnn step's time goes, layer by layer (forward + backward of a batch).
    var a = randn(batch, 64, 24, 24, requires_grad: true);
    var b = randn(batch, 64, 48, 48, requires_grad: true);
    var input = randn(batch, 1, 48, 48);
    Time("conv1 5x5 1->64 @48", nn.Conv2d(1, 64, 5, padding: 2), input);
    Time("pool1 3x3/2 @48", nn.MaxPool2d(3, 2, 1), b);
    Time("lrn @24", nn.LocalResponseNorm(9, 0.001, 0.75, 1.0), a);
    Time("cross-channel norm @24", new EmoAug.Models.CrossChannelNorm(9, 0.001, 0.75, 1.0), a);
    Time("conv2 5x5 64->64 @24", nn.Conv2d(64, 64, 5, padding: 2), a);
    Time("channels-last pool1 @48", nn.MaxPool2d(3, 2, 1), Nhwc(b));
    Time("channels-last conv2 @24", nn.Conv2d(64, 64, 5, padding: 2), Nhwc(a));
    Time("channels-last conv1 @48", nn.Conv2d(1, 64, 5, padding: 2), Nhwc(input));
    Time("fc 9216->384", nn.Linear(9216, 384), randn(batch, 9216, requires_grad: true));
    var w1 = randn(64, 25, requires_grad: true);
    TimeF("conv1 unfold+matmul @48", x => w1.matmul(nn.functional.unfold(x, 5, padding: 2)).view(x.shape[0], 64, 48, 48), input);
    TimeF("pool1 separable slices @48", x =>
    {
        var p = nn.functional.pad(x, [1, 1, 1, 1], value: float.NegativeInfinity);
        long n = x.shape[3] / 2;
        var cols = maximum(maximum(p[.., .., .., TensorIndex.Slice(0, 2 * n, 2)], p[.., .., .., TensorIndex.Slice(1, 2 * n + 1, 2)]), p[.., .., .., TensorIndex.Slice(2, 2 * n + 2, 2)]);
        return maximum(maximum(cols[.., .., TensorIndex.Slice(0, 2 * n, 2)], cols[.., .., TensorIndex.Slice(1, 2 * n + 1, 2)]), cols[.., .., TensorIndex.Slice(2, 2 * n + 2, 2)]);
    }, b);
    // What paper-cnn does since 2026-11-29: conv1 as one product of patches and filters, stored channels-last, so
    // that pool1 and everything after it run on channels-last tensors. Compare the pairs of lines.
    var paperCnn = new EmoAug.Models.PaperCnn(7, 48);
    var conv1 = nn.Conv2d(1, 64, 5, padding: 2);
    TimeF("conv1 nn.Conv2d @48", conv1.forward, input);
    TimeF("conv1 PaperCnn.FirstConvolution @48", paperCnn.FirstConvolution, input);
    TimeF("conv1 nn.Conv2d + pool1 @48", x => nn.functional.max_pool2d(conv1.forward(x), 3, 2, 1), input);
    TimeF("conv1 PaperCnn.FirstConvolution + pool1 @48", x => nn.functional.max_pool2d(paperCnn.FirstConvolution(x), 3, 2, 1), input);
    TimeF("pool1 separable maxpool @48", x => nn.functional.max_pool2d(nn.functional.max_pool2d(x, [1, 3], [1, 2], [0, 1]), [3, 1], [2, 1], [1, 0]), b);
    return;
}
if (model == "bf16")
{
    // conv2 and fc1 of paper-cnn in float32 against bfloat16 (weights and inputs cast, as autocast does).
    var a = randn(batch, 64, 24, 24, requires_grad: true);
    var conv2 = nn.Conv2d(64, 64, 5, padding: 2);
    var bfloat16 = ComputePrecision.Of(ComputePrecision.BFloat16Name);
    for (int k = 0; k < 3; k++)
    {
        TimeF("conv2 fp32", conv2.forward, a);
        TimeF("conv2 bf16", x => bfloat16.Convolve(conv2, x, 2).to(ScalarType.Float32), a);
        TimeF("conv2 fp32 nhwc", conv2.forward, Nhwc(a));
        TimeF("conv2 bf16 nhwc", x => bfloat16.Convolve(conv2, x, 2).to(ScalarType.Float32), Nhwc(a));
    }
    return;
}
// A channels-last copy of an NCHW tensor (TorchSharp 0.107 has no memory-format API: emulated with permutes).
static Tensor Nhwc(Tensor t) { using var p = t.detach().permute(0, 2, 3, 1).contiguous(); return p.permute(0, 3, 1, 2).requires_grad_(t.requires_grad); }
void TimeF(string name, Func<Tensor, Tensor> f, Tensor x)
{
    for (int i = 0; i < 2; i++) { using var s = NewDisposeScope(); f(x).sum().backward(); }
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < 5; i++) { using var s = NewDisposeScope(); f(x).sum().backward(); }
    Console.WriteLine($"{name}: {clock.Elapsed.TotalMilliseconds / 5:F1} ms per batch");
}
void Time(string name, nn.Module<Tensor, Tensor> layer, Tensor x) => TimeF(name, layer.forward, x);
using var data = SyntheticFaces.Generate(new SyntheticOptions());
var norm = InputNormalisation.Of(data.Images);
using var net = ClassifierModels.Create(model, 7, 48);
using var adam = optim.Adam(net.parameters(), 1e-3);
var rates = new List<double>();
for (int r = 0; r < repeats + 1; r++)
{
    var clock = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (int s = 0; s < steps; s++)
    {
        using var scope = NewDisposeScope();
        var index = randint(0, data.Count, [batch]);
        var x = norm.Apply(data.Images.index_select(0, index).to(ScalarType.Float32));
        var y = data.Labels.index_select(0, index);
        var loss = nn.functional.cross_entropy(net.forward(x), y);
        adam.zero_grad();
        loss.backward();
        adam.step();
    }
    double rate = steps * batch / clock.Elapsed.TotalSeconds;
    double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / (steps * batch);
    if (r == 0) continue; // warm-up
    rates.Add(rate);
    Console.WriteLine($"{model} batch {batch} threads {threads}: {rate:F0} img/s ({cpuMs:F2} CPU ms per image)");
}
rates.Sort();
Console.WriteLine($"median {rates[rates.Count / 2]:F0} img/s");
