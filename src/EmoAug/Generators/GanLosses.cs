using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators;

/// <summary>The CycleGAN's loss terms: least-squares adversarial (Mao et al. 2017) and L1 cycle / identity.</summary>
public static class GanLosses
{
    /// <summary>Mean squared distance of the discriminator's patch scores to 1 (real) or 0 (fake).</summary>
    public static Tensor LeastSquares(Tensor scores, bool real) =>
        real ? (scores - 1).square().mean() : scores.square().mean();

    /// <summary>Discriminator loss: half the sum of its real and fake least-squares terms (the reference halves it to slow D down).</summary>
    public static Tensor Discriminator(Tensor realScores, Tensor fakeScores) =>
        (LeastSquares(realScores, true) + LeastSquares(fakeScores, false)) * 0.5;

    /// <summary>Mean absolute difference, used for the cycle (x vs G_BA(G_AB(x))) and identity (y vs G_AB(y)) terms.</summary>
    public static Tensor L1(Tensor output, Tensor target) => (output - target).abs().mean();
}
