using EmoAug.Runtime;

namespace EmoAug.Generators.CycleGan;

/// <summary>
/// How a CycleGAN is trained. Defaults follow the reference CycleGAN (Zhu et al. 2017) except the network sizes,
/// which are scaled to 48x48 faces (see docs/cyclegan.md for the measurement behind them).
/// </summary>
/// <param name="Epochs">Epochs at the constant learning rate.</param>
/// <param name="DecayEpochs">Epochs after those in which the learning rate falls linearly to zero (reference: as many as <paramref name="Epochs"/>).</param>
/// <param name="LearningRate">Adam learning rate of all four networks (reference 2e-4).</param>
/// <param name="Beta1">Adam beta1 (reference 0.5).</param>
/// <param name="Beta2">Adam beta2 (reference 0.999).</param>
/// <param name="LambdaCycle">Weight of each direction's cycle-consistency L1 loss (reference 10).</param>
/// <param name="IdentityWeight">Identity L1 weight as a fraction of <paramref name="LambdaCycle"/> (reference 0.5, so 5); 0 turns it off.</param>
/// <param name="PoolSize">Generated images kept per direction to feed the discriminators (reference 50; 0 = no pool).</param>
/// <param name="BatchSize">Image pairs per iteration (reference 1).</param>
/// <param name="Ngf">Generator width: channels of its first layer (reference 64; 32 here, see docs).</param>
/// <param name="Ndf">Discriminator width (reference 64).</param>
/// <param name="Blocks">Residual blocks in each generator (reference 6 for 128 px; 6 here).</param>
/// <param name="DiscriminatorLayers">Stride-2 layers of the PatchGAN (reference 3: a 4x4 patch map at 48 px).</param>
/// <param name="EpochSize">"target": an epoch visits each target-class image once (each paired with a random source image);
/// "max": max(|source|, |target|) iterations as the reference's unaligned loader (the smaller class is cycled).</param>
/// <param name="SampleCount">Fixed faces per direction shown in the per-epoch sample grid.</param>
/// <param name="Seed">Seeds the weights (torch.manual_seed), the sample faces, and each epoch's pairing and pool draws.</param>
/// <param name="Threads">CPU threads for LibTorch (0 = LibTorch's default).</param>
/// <param name="Device">Where it trains: the CPU (default) or a CUDA device.</param>
/// <param name="DiffAugment">Not in the reference: augment every face the discriminators see, real or generated
/// (<see cref="Training.DiffAugment"/>), against discriminators memorising a small target class. Written to JSON only
/// when on, so checkpoints and experiment settings made before it existed still read as off.</param>
/// <param name="ResidualGenerator">Not in the reference: generators that learn a change to their input (residual images,
/// <see cref="Models.ResnetGenerator"/>), so translations start from the input face instead of from noise. Written
/// to JSON only when on, as <paramref name="DiffAugment"/>.</param>
/// <param name="Guide">Not in the reference: trained classifiers (checkpoints or run folders) whose mean cross-entropy on
/// the translations joins each generator's loss (<see cref="ClassifierGuide"/>); null = none. Several guides keep the
/// generators from pleasing one network's quirks. Written to JSON only when set; one guide as a plain string, as
/// before several were possible (<see cref="GuidePaths"/>).</param>
/// <param name="GuideWeight">Weight of that cross-entropy, each direction (1 is StarGAN's; 0 without a guide).</param>
/// <param name="GuideAugment">Not in the reference: the guides judge randomly mirrored, shifted and blurred translations
/// (<see cref="Training.GuideAugment"/>), so that textures only one network reads as the target class earn less.
/// Needs <paramref name="Guide"/>; written to JSON only when on.</param>
/// <param name="InitFrom">Not in the reference: a CycleGAN checkpoint (or train-gan folder) whose four networks this run
/// starts from instead of random weights, e.g. neutral -> disgust's for neutral -> surprise: the generators already make
/// faces, so far fewer iterations are needed. Same network sizes and image size; the optimizers and pools start
/// afresh. Written to JSON only when set.</param>
/// <param name="Precision">Not in the reference: the number type of the four networks' convolutions, "float32" (null,
/// the default) or "bfloat16" (<see cref="Models.ComputePrecision.ConvolveToFloat32"/>: products in bfloat16, weights,
/// normalisations and losses in float32). Written to JSON only when set.</param>
public sealed record CycleGanOptions(
    int Epochs = 100,
    int DecayEpochs = 100,
    double LearningRate = 2e-4,
    double Beta1 = 0.5,
    double Beta2 = 0.999,
    double LambdaCycle = 10,
    double IdentityWeight = 0.5,
    int PoolSize = 50,
    int BatchSize = 1,
    int Ngf = 32,
    int Ndf = 64,
    int Blocks = 6,
    int DiscriminatorLayers = 3,
    string EpochSize = "target",
    int SampleCount = 8,
    int Seed = 0,
    int Threads = 0,
    ComputeDevice Device = default,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    bool DiffAugment = false,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    bool ResidualGenerator = false,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    [property: System.Text.Json.Serialization.JsonConverter(typeof(GuidePaths))]
    IReadOnlyList<string>? Guide = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    double GuideWeight = 0,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    bool GuideAugment = false,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    string? InitFrom = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    string? Precision = null)
{
    public int TotalEpochs => Epochs + DecayEpochs;

    /// <summary>
    /// Learning-rate factor for a 0-based epoch: 1 for the first <see cref="Epochs"/>, then falling linearly so that
    /// the epoch after the last would reach 0 (the reference's "linear" policy).
    /// </summary>
    public double LearningRateFactor(int epoch) => 1.0 - Math.Max(0, epoch + 1 - Epochs) / (double)(DecayEpochs + 1);

    /// <summary>Throws <see cref="EmoAugException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message) { if (!ok) throw new EmoAugException(message); }
        Check(Epochs >= 0, $"--epochs {Epochs}: must be 0 or more");
        Check(DecayEpochs >= 0, $"--decay-epochs {DecayEpochs}: must be 0 or more");
        Check(TotalEpochs >= 1, "--epochs and --decay-epochs: at least one epoch in total is needed");
        Check(LearningRate > 0, $"--lr {LearningRate}: must be positive");
        Check(Beta1 is >= 0 and < 1, $"--beta1 {Beta1}: must be in [0, 1)");
        Check(Beta2 is >= 0 and < 1, $"--beta2 {Beta2}: must be in [0, 1)");
        Check(LambdaCycle >= 0, $"--lambda {LambdaCycle}: must be 0 or more");
        Check(IdentityWeight >= 0, $"--identity {IdentityWeight}: must be 0 or more");
        Check(PoolSize >= 0, $"--pool-size {PoolSize}: must be 0 or more");
        Check(BatchSize >= 1, $"--batch-size {BatchSize}: must be at least 1");
        Check(Ngf >= 1, $"--ngf {Ngf}: must be at least 1");
        Check(Ndf >= 1, $"--ndf {Ndf}: must be at least 1");
        Check(Blocks >= 0, $"--blocks {Blocks}: must be 0 or more");
        Check(DiscriminatorLayers is >= 1 and <= 4, $"--d-layers {DiscriminatorLayers}: must be 1 to 4");
        Check(EpochSize is "target" or "max", $"--epoch-size {EpochSize}: must be 'target' or 'max'");
        Check(SampleCount is >= 1 and <= 64, $"--samples {SampleCount}: must be 1 to 64");
        Check(Threads >= 0, $"--threads {Threads}: must be 0 or more");
        Check(Guide is not { Count: 0 }, "--guide: give at least one classifier");
        Check(Guide is null ? GuideWeight == 0 : GuideWeight > 0, Guide is null
            ? $"--guide-weight {GuideWeight}: needs --guide"
            : $"--guide-weight {GuideWeight}: must be positive");
        Check(Guide is not null || !GuideAugment, "--guide-augment: needs --guide");
        Models.ComputePrecision.Canonical(Precision);
    }
}
