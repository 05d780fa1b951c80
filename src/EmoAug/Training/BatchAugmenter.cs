using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Training;

/// <summary>
/// Applies <see cref="ClassicAugmentation"/> to a whole batch at once with tensor operations (one affine warp for
/// shift, rotation and zoom; per-image brightness and contrast), drawing from torch's generator so a seeded epoch
/// draws the same augmentations every time.
/// </summary>
public static class BatchAugmenter
{
    /// <summary>Augments float images [N,1,H,W] on the 0-255 scale; returns a new tensor on the same scale.</summary>
    public static Tensor Apply(Tensor pixels, ClassicAugmentation a)
    {
        using var scope = NewDisposeScope();
        long n = pixels.shape[0];
        var device = pixels.device;
        var x = pixels;
        if (a.FlipProbability > 0)
        {
            var flip = (rand(n, device: device) < a.FlipProbability).view(n, 1, 1, 1);
            x = where(flip, x.flip(3), x);
        }
        if (a.MaxShift > 0 || a.MaxRotationDegrees > 0 || a.MaxZoom > 0)
        {
            var angle = Uniform(n, a.MaxRotationDegrees * Math.PI / 180, device);
            var scale = Uniform(n, a.MaxZoom, device).add_(1);
            // affine_grid works in [-1,1] coordinates, so a shift of f of the side is 2f.
            var tx = Uniform(n, 2 * a.MaxShift, device);
            var ty = Uniform(n, 2 * a.MaxShift, device);
            var cos = angle.cos().div(scale);
            var sin = angle.sin().div(scale);
            var theta = stack([cos, sin.neg(), tx, sin, cos, ty], 1).view(n, 2, 3);
            var grid = nn.functional.affine_grid(theta, [n, 1, x.shape[2], x.shape[3]], align_corners: false);
            x = nn.functional.grid_sample(x, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
        }
        if (a.Brightness > 0 || a.Contrast > 0)
        {
            var mean = x.mean([1, 2, 3], keepdim: true);
            var contrast = Uniform(n, a.Contrast, device).add_(1).view(n, 1, 1, 1);
            var brightness = Uniform(n, a.Brightness * 255, device).view(n, 1, 1, 1);
            x = x.sub(mean).mul_(contrast).add_(mean).add_(brightness).clamp_(0, 255);
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>n values uniform in [-limit, limit].</summary>
    static Tensor Uniform(long n, double limit, Device device) => rand(n, device: device).mul_(2 * limit).sub_(limit);
}
