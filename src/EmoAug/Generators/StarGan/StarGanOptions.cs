using System.Text.Json.Serialization;
using EmoAug.Models;
using EmoAug.Runtime;

namespace EmoAug.Generators.StarGan;

/// <summary>
/// How a StarGAN is trained. Defaults follow the reference StarGAN (Choi et al. 2018) where it fits 48x48 gray faces
/// on a CPU, with the paper's least-squares adversarial loss in place of StarGAN's WGAN-GP (docs/stargan.md).
/// </summary>
/// <param name="Iterations">Optimiser steps of each network in all (reference 200,000 at 128 px on a GPU).</param>
/// <param name="DecayIterations">The last this many of them have a learning rate falling linearly to zero (reference: half).</param>
/// <param name="CheckpointEvery">Iterations between checkpoints, sample grids and loss-curve points: the unit a killed
/// run loses at most, and the unit of the history.</param>
/// <param name="LearningRate">Adam learning rate of both networks (reference 1e-4).</param>
/// <param name="Beta1">Adam beta1 (reference 0.5).</param>
/// <param name="Beta2">Adam beta2 (reference 0.999).</param>
/// <param name="BatchSize">Real faces per iteration (reference 16).</param>
/// <param name="LambdaClassification">Weight of the class losses: the discriminator's cross-entropy on real faces and
/// the generator's on its translations (reference 1).</param>
/// <param name="LambdaReconstruction">Weight of the cycle L1 between a face and its translation translated back to the
/// face's own class (reference 10).</param>
/// <param name="Attention">The generator paints an attention mask as well as a face (GANimation); see
/// <see cref="StarGanGenerator"/>.</param>
/// <param name="LambdaMask">With attention: weight of the mask's mean, which keeps it from saturating at "keep every
/// pixel" (GANimation's code: 0.1).</param>
/// <param name="LambdaMaskSmooth">With attention: weight of the mask's total variation (GANimation's code: 1e-5).</param>
/// <param name="BalanceClasses">Not in the reference (its data are balanced): the discriminator's class loss weighs each
/// class by the inverse of its share of the training faces, so that a rare class (FER2013's disgust, 1.5%) is learnt
/// as well as a common one and the generator is pushed toward it as hard.</param>
/// <param name="Ngf">Generator width (reference 64).</param>
/// <param name="Ndf">Discriminator width (reference 64).</param>
/// <param name="Blocks">Residual blocks of the generator (reference 6).</param>
/// <param name="DiscriminatorLayers">Stride-2 layers of the discriminator (reference 6 at 128 px; 4 at 48 px: a 3x3 map).</param>
/// <param name="SampleCount">Fixed faces in each sample grid, one column each, translated into every class.</param>
/// <param name="Seed">Seeds the weights, the sample faces and each checkpoint interval's draws.</param>
/// <param name="Threads">CPU threads for LibTorch (0 = LibTorch's default).</param>
/// <param name="Device">Where it trains: the CPU (default) or a CUDA device.</param>
/// <param name="Precision">"float32" (null) or "bfloat16": the convolutions' number type (<see cref="ComputePrecision.ConvolveToFloat32"/>).</param>
public sealed record StarGanOptions(
    int Iterations = 20_000,
    int DecayIterations = 10_000,
    int CheckpointEvery = 500,
    double LearningRate = 1e-4,
    double Beta1 = 0.5,
    double Beta2 = 0.999,
    int BatchSize = 16,
    double LambdaClassification = 1,
    double LambdaReconstruction = 10,
    bool Attention = false,
    double LambdaMask = 0.1,
    double LambdaMaskSmooth = 1e-5,
    bool BalanceClasses = true,
    int Ngf = 32,
    int Ndf = 64,
    int Blocks = 6,
    int DiscriminatorLayers = 4,
    int SampleCount = 8,
    int Seed = 0,
    int Threads = 0,
    ComputeDevice Device = default,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    string? Precision = null)
{
    /// <summary>Checkpoint intervals in the whole run (the last may be shorter).</summary>
    public int Intervals => (Iterations + CheckpointEvery - 1) / CheckpointEvery;

    /// <summary>Learning-rate factor at a 0-based iteration: 1, then falling linearly over the last <see cref="DecayIterations"/>.</summary>
    public double LearningRateFactor(int iteration) =>
        1.0 - Math.Max(0, iteration + 1 - (Iterations - DecayIterations)) / (double)(DecayIterations + 1);

    /// <summary>Throws <see cref="EmoAugException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message) { if (!ok) throw new EmoAugException(message); }
        Check(Iterations >= 1, $"--iterations {Iterations}: must be at least 1");
        Check(DecayIterations >= 0 && DecayIterations <= Iterations, $"--decay-iterations {DecayIterations}: must be 0 to --iterations ({Iterations})");
        Check(CheckpointEvery >= 1, $"--checkpoint-every {CheckpointEvery}: must be at least 1");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), $"--lr {LearningRate}: must be a positive number");
        Check(Beta1 is >= 0 and < 1, $"--beta1 {Beta1}: must be in [0, 1)");
        Check(Beta2 is >= 0 and < 1, $"--beta2 {Beta2}: must be in [0, 1)");
        Check(BatchSize >= 1, $"--batch-size {BatchSize}: must be at least 1");
        Check(LambdaClassification >= 0, $"--lambda-cls {LambdaClassification}: must be 0 or more");
        Check(LambdaReconstruction >= 0, $"--lambda {LambdaReconstruction}: must be 0 or more");
        Check(LambdaMask >= 0, $"--lambda-mask {LambdaMask}: must be 0 or more");
        Check(LambdaMaskSmooth >= 0, $"--lambda-mask-smooth {LambdaMaskSmooth}: must be 0 or more");
        Check(Ngf >= 1, $"--ngf {Ngf}: must be at least 1");
        Check(Ndf >= 1, $"--ndf {Ndf}: must be at least 1");
        Check(Blocks >= 0, $"--blocks {Blocks}: must be 0 or more");
        Check(DiscriminatorLayers is >= 1 and <= 6, $"--d-layers {DiscriminatorLayers}: must be 1 to 6");
        Check(SampleCount is >= 1 and <= 64, $"--samples {SampleCount}: must be 1 to 64");
        Check(Threads >= 0, $"--threads {Threads}: must be 0 or more");
        ComputePrecision.Canonical(Precision);
    }
}
