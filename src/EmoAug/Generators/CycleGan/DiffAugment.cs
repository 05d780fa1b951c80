using EmoAug.Generators;
using EmoAug.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators.CycleGan;

/// <summary>
/// Differentiable augmentation of what the discriminators see (Zhao et al. 2020, "Differentiable Augmentation for
/// Data-Efficient GAN Training", policy color + translation + cutout). Every face a discriminator judges, real or
/// generated, is randomly brightened, contrasted, shifted and partly blanked, so that a discriminator with a few
/// hundred real faces of the target class (FER2013 has 436 disgust faces) cannot simply memorise them. Each operation
/// is differentiable, so the generators still learn through it. Faces are in [-1, 1], shaped [N,1,H,W]; every draw
/// comes from the caller's <see cref="Random"/>, so a run's augmentations depend on its seed and epoch alone.
/// </summary>
public static class DiffAugment
{
    public static Tensor Apply(Tensor faces, Random random)
    {
        using var scope = NewDisposeScope();
        int n = (int)faces.shape[0], height = (int)faces.shape[2], width = (int)faces.shape[3];
        var device = faces.device;

        // Colour: add U(-0.5, 0.5), then scale each face's distance to its mean by U(0.5, 1.5).
        var brightness = tensor(Draw(random, n, -0.5, 0.5), device: device).reshape(n, 1, 1, 1);
        var contrast = tensor(Draw(random, n, 0.5, 1.5), device: device).reshape(n, 1, 1, 1);
        var x = faces + brightness;
        var mean = x.mean([1, 2, 3], keepdim: true);
        x = (x - mean) * contrast + mean;

        // Translation: up to 1/8 of the side in each direction, the uncovered border filled with zeros.
        int padY = height / 8, padX = width / 8;
        x = RandomShift.Apply(x, padY, padX, PaddingModes.Constant, random);

        // Cutout: zero a square of half the side around a random centre (clipped at the border).
        var mask = new float[n * height * width];
        Array.Fill(mask, 1f);
        for (int i = 0; i < n; i++)
        {
            int cy = random.Next(height), cx = random.Next(width);
            for (int y = Math.Max(0, cy - height / 4); y < Math.Min(height, cy + height / 4); y++)
                for (int xx = Math.Max(0, cx - width / 4); xx < Math.Min(width, cx + width / 4); xx++)
                    mask[(i * height + y) * width + xx] = 0f;
        }
        return (x * tensor(mask, device: device).reshape(n, 1, height, width)).MoveToOuterDisposeScope();
    }

    static float[] Draw(Random random, int count, double low, double high) =>
        Enumerable.Range(0, count).Select(_ => (float)(low + (high - low) * random.NextDouble())).ToArray();
}
