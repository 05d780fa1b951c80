using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators;

/// <summary>The GANs' loss terms: least-squares adversarial (Mao et al. 2017), L1 cycle / identity, and weighting.</summary>
public static class GanLosses
{
    // Held for the process's life: a Scalar made implicitly from a literal can be finalised by the GC while LibTorch
    // still reads it (TorchSharp 0.107; a CI run failed with c10's "INTERNAL ASSERT FAILED at Scalar.h" in pow), and
    // these run every iteration. square() would make such a Scalar (pow(2)); x * x is the same kernel without one.
    static readonly Scalar One = 1.0, Half = 0.5;

    /// <summary>Mean squared distance of the discriminator's patch scores to 1 (real) or 0 (fake).</summary>
    public static Tensor LeastSquares(Tensor scores, bool real)
    {
        var distance = real ? scores - One : scores;
        return (distance * distance).mean();
    }

    /// <summary>Discriminator loss: half the sum of its real and fake least-squares terms (the reference halves it to slow D down).</summary>
    public static Tensor Discriminator(Tensor realScores, Tensor fakeScores) =>
        (LeastSquares(realScores, true) + LeastSquares(fakeScores, false)) * Half;

    /// <summary><paramref name="loss"/> times <paramref name="weight"/>, the weight as a tensor disposed after the product
    /// (autograd keeps its own reference), not as a Scalar the GC may free while LibTorch reads it (see above).</summary>
    public static Tensor Weighted(Tensor loss, double weight)
    {
        using var w = torch.tensor(weight, loss.dtype, loss.device);
        return loss * w;
    }

    /// <summary>Mean absolute difference, used for the cycle (x vs G_BA(G_AB(x))) and identity (y vs G_AB(y)) terms.</summary>
    public static Tensor L1(Tensor output, Tensor target) => (output - target).abs().mean();
}
