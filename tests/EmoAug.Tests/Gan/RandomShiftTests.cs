using EmoAug.Runtime;
using EmoAug.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Gan;

/// <summary>The whole-pixel shift that DiffAugment and GuideAugment share.</summary>
public class RandomShiftTests
{
    public RandomShiftTests() => TorchRuntime.Ensure();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryFaceIsItsInputMovedByTheDrawnRowsAndColumns_TheBorderZeroOrRepeated(bool repeatBorder)
    {
        // Face i's pixel (y, x) must come from input pixel (y + dy, x + dx), dy and dx drawn per face, row first,
        // from a Random seeded like the one handed in; outside the input it is 0 or the nearest border pixel.
        const int n = 6, side = 10, pad = 3;
        var values = Enumerable.Range(0, n * side * side).Select(v => 1f + v).ToArray();
        using var faces = tensor(values).reshape(n, 1, side, side);
        using var shifted = RandomShift.Apply(faces, pad, pad, repeatBorder ? PaddingModes.Replicate : PaddingModes.Constant, new Random(7));
        Assert.Equal(faces.shape, shifted.shape);

        var actual = shifted.data<float>().ToArray();
        var draws = new Random(7);
        int moved = 0;
        for (int i = 0; i < n; i++)
        {
            int dy = draws.Next(-pad, pad + 1), dx = draws.Next(-pad, pad + 1);
            if (dy != 0 || dx != 0) moved++;
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                {
                    int sy = y + dy, sx = x + dx;
                    bool inside = sy is >= 0 and < side && sx is >= 0 and < side;
                    if (repeatBorder) { sy = Math.Clamp(sy, 0, side - 1); sx = Math.Clamp(sx, 0, side - 1); }
                    float expected = inside || repeatBorder ? values[(i * side + sy) * side + sx] : 0f;
                    Assert.Equal(expected, actual[(i * side + y) * side + x]);
                }
        }
        Assert.True(moved > 0, "no face was moved: the test would not see a wrong direction");
    }
}
