using EmoAug.Models.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Models;

/// <summary>
/// Local response normalisation across channels, computed exactly as PyTorch's nn.LocalResponseNorm
/// (x / (k + alpha/size * sum of x^2 over the size nearest channels)^beta) but with the window sum done as a 1x1
/// convolution by a fixed band matrix: LibTorch's own LRN goes through a 3-D average pool and cost as much as the
/// 5x5 convolution it follows. No parameters or buffers, so exported weights load into PyTorch's layer unchanged.
/// </summary>
public sealed class CrossChannelNorm : nn.Module<Tensor, Tensor>
{
    readonly long size;
    readonly double alpha, beta, k;

    public CrossChannelNorm(long size, double alpha = 1e-4, double beta = 0.75, double k = 1.0) : base(nameof(CrossChannelNorm))
    {
        this.size = size;
        this.alpha = alpha;
        this.beta = beta;
        this.k = k;
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long channels = input.shape[1];
        // PyTorch pads size/2 channels before and (size-1)/2 after: channel j sums channels i with -size/2 <= i-j <= (size-1)/2.
        var index = arange(channels, device: input.device);
        var offset = index.unsqueeze(1) - index.unsqueeze(0); // [out j, in i] = j - i
        var band = ((offset <= size / 2) & (offset >= -((size - 1) / 2))).to(input.dtype).view(channels, channels, 1, 1);
        var sums = nn.functional.conv2d(input.square(), band);
        // In bfloat16 (ComputePrecision) all of this runs in bfloat16, for speed: the divisor, 1 plus well under 1% with
        // the paper's alpha, is then rounded to bfloat16's steps of 0.4-0.8% near 1, so the normalisation is coarse.
        var divisor = sums.mul_(alpha / size).add_(k);
        // d^-0.75 as rsqrt(d) * sqrt(rsqrt(d)): two cheap vector ops instead of pow's exp and log, here and in backward.
        if (beta == 0.75)
        {
            var inverseRoot = divisor.rsqrt();
            return input.mul(inverseRoot).mul_(inverseRoot.sqrt()).MoveToOuterDisposeScope();
        }
        return input.div(divisor.pow_(beta)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// ONNX's LRN, whose window (floor((size-1)/2) channels before, ceil((size-1)/2) after) and alpha/size are
    /// PyTorch's for an odd size.
    /// </summary>
    public string ToOnnx(OnnxGraph graph, string input)
    {
        if (size % 2 == 0) throw new NotSupportedException($"LRN of even size {size}: ONNX's window differs from PyTorch's");
        return graph.Node("LRN", [input], [("size", size), ("alpha", alpha), ("beta", beta), ("bias", k)]);
    }
}
