using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Runtime;
using EmoAug.Training;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Gan;

public class ImagePoolTests
{
    public ImagePoolTests() => TorchRuntime.Ensure();

    static Tensor Images(params float[] values) => tensor(values).reshape(values.Length, 1, 1, 1);

    static float[] Values(Tensor t) => t.flatten().data<float>().ToArray();

    [Fact]
    public void EmptyPoolPassesImagesThrough()
    {
        using var pool = new ImagePool(0);
        using var batch = Images(1, 2);
        using var result = pool.Query(batch, new Random(0));
        Assert.Equal(new float[] { 1, 2 }, Values(result));
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void FillsUpReturningTheNewImagesThenMixesInOldOnes()
    {
        using var pool = new ImagePool(3);
        var random = new Random(1);
        using (var first = pool.Query(Images(1, 2, 3), random)) Assert.Equal(new float[] { 1, 2, 3 }, Values(first));
        Assert.Equal(3, pool.Count);
        var returned = new List<float>();
        for (int i = 0; i < 50; i++)
        {
            using var batch = Images(100 + i);
            using var result = pool.Query(batch, random);
            returned.AddRange(Values(result));
        }
        Assert.Equal(3, pool.Count);
        int fresh = returned.Where((v, i) => v == 100 + i).Count();
        // About half fresh, half from the history.
        Assert.InRange(fresh, 10, 40);
    }

    [Fact]
    public void SameSeedSameDrawsAndSnapshotRestoresTheContents()
    {
        float[] Run(ImagePool pool, int seed)
        {
            var random = new Random(seed);
            var all = new List<float>();
            for (int i = 0; i < 20; i++)
            {
                using var batch = Images(i, i + 0.5f);
                using var result = pool.Query(batch, random);
                all.AddRange(Values(result));
            }
            return all.ToArray();
        }
        using var a = new ImagePool(4);
        using var b = new ImagePool(4);
        Assert.Equal(Run(a, 7), Run(b, 7));

        using var snapshot = a.Snapshot()!;
        using var c = new ImagePool(4);
        c.Restore(snapshot);
        Assert.Equal(Run(a, 9), Run(c, 9));
    }
}
