using EmoAug.Reporting;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Data;

public class FaceGridTests
{
    [Fact]
    public void RowsOfTensorsBecomeTilesAtTheirPlaces()
    {
        using var files = new DataFiles();
        using var bright = full([3L, 1, 8, 8], (byte)250, ScalarType.Byte);
        using var dark = full([1L, 1, 8, 8], (byte)5, ScalarType.Byte);
        using var none = empty([0L, 1, 8, 8], ScalarType.Byte);
        var path = files.PathOf("grids/g.png");

        FaceGrid.Write(path, [bright, none, dark], scale: 2);

        using var image = Image.Load<L8>(path);
        Assert.Equal((2 + 3 * 18, 2 + 3 * 18), (image.Width, image.Height));
        Assert.Equal(250, image[2 + 2 * 18 + 5, 2 + 5].PackedValue);      // row 0, third tile
        Assert.Equal(5, image[2 + 5, 2 + 2 * 18 + 5].PackedValue);         // row 2, first tile
        Assert.NotEqual(250, image[2 + 5, 2 + 18 + 5].PackedValue);        // the empty row stays background
        Assert.Throws<EmoAugException>(() => FaceGrid.Write(files.PathOf("g.jpg"), [bright]));
    }
}
