using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Training;

/// <summary>
/// Shifts each face of a [N,C,H,W] batch by a whole number of pixels, up to <c>padY</c> rows and <c>padX</c> columns in
/// either direction, the uncovered border filled as <c>mode</c> says (zeros or the border repeated). Draws, per face,
/// the row shift then the column shift from the caller's <see cref="Random"/>, so a run's shifts depend on its seed
/// alone. Differentiable: the shift is a crop of a padded batch. Shared by <see cref="DiffAugment"/> and
/// <see cref="GuideAugment"/>.
/// </summary>
public static class RandomShift
{
    public static Tensor Apply(Tensor faces, int padY, int padX, PaddingModes mode, Random random)
    {
        using var scope = NewDisposeScope();
        int n = (int)faces.shape[0], height = (int)faces.shape[2], width = (int)faces.shape[3];
        var padded = nn.functional.pad(faces, [padX, padX, padY, padY], mode);
        var shifted = new Tensor[n];
        for (int i = 0; i < n; i++)
            shifted[i] = padded.narrow(0, i, 1).narrow(2, padY + random.Next(-padY, padY + 1), height)
                .narrow(3, padX + random.Next(-padX, padX + 1), width);
        return cat(shifted, 0).MoveToOuterDisposeScope();
    }
}
