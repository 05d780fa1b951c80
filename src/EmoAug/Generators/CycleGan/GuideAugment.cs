using EmoAug.Generators;
using EmoAug.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators.CycleGan;

/// <summary>
/// Random changes to the translations before a guide classifier judges them (<c>train-gan --guide-augment</c>): each
/// face is mirrored with probability 1/2, shifted by up to 1/12 of its side (the border repeated), and blurred by a
/// 3x3 binomial filter with probability 1/2. A generator guided through these must show the target class in a way that
/// survives them; without them, FER2013's guided generators drew fine, grid-like textures that their guides called
/// disgust 95-98% of the time and independent classifiers far less (docs/results-log.md). The idea is the adversarial
/// literature's input diversity (Xie et al., CVPR 2019), which makes what fools one network fool others more often.
/// Faces are [N,1,H,W]; every draw comes from the caller's <see cref="Random"/>; each operation is differentiable.
/// </summary>
public static class GuideAugment
{
    public static Tensor Apply(Tensor faces, Random random)
    {
        using var scope = NewDisposeScope();
        int n = (int)faces.shape[0], height = (int)faces.shape[2], width = (int)faces.shape[3];
        var device = faces.device;

        var mirror = tensor(Coins(random, n), device: device).reshape(n, 1, 1, 1);
        var x = where(mirror, faces.flip(3), faces);

        int padY = Math.Max(1, height / 12), padX = Math.Max(1, width / 12);
        x = RandomShift.Apply(x, padY, padX, PaddingModes.Replicate, random);

        // [1 2 1]/4 in each direction: removes the finest, pixel-to-pixel pattern and keeps a constant face constant.
        var kernel = tensor(new float[] { 1, 2, 1, 2, 4, 2, 1, 2, 1 }, device: device).div(16).reshape(1, 1, 3, 3).to_type(x.dtype);
        var blurred = nn.functional.conv2d(nn.functional.pad(x, [1, 1, 1, 1], PaddingModes.Replicate), kernel);
        var blur = tensor(Coins(random, n), device: device).reshape(n, 1, 1, 1);
        return where(blur, blurred, x).MoveToOuterDisposeScope();
    }

    static bool[] Coins(Random random, int count) => Enumerable.Range(0, count).Select(_ => random.Next(2) == 1).ToArray();
}
