using static TorchSharp.torch;

namespace EmoAug.Data.Faces;

/// <summary>
/// How a dataset's crops frame the face, in terms of the detector's box: the box's side as a share of the crop's
/// side, and the box centre's offset from the crop's centre, as shares of the crop's side. Cropping a photo around
/// its detected face by these numbers frames it as that dataset frames its faces.
/// </summary>
public sealed record FaceFraming(double BoxShare, double OffsetX, double OffsetY)
{
    /// <summary>
    /// FER2013's framing, measured with <see cref="FaceDetector"/> on its training faces
    /// (`emoaug data framing ../shared/datasets/fer2013 --split Training --count 500`, 2026-12-03, BlazeFace: a face
    /// in 498 of 500; medians over those, docs/data-formats.md): the box covers 83% of the crop's side, its centre
    /// 7.6% of the side below the crop's (BlazeFace's box reaches from the brows to below the chin).
    /// </summary>
    public static readonly FaceFraming Fer2013 = new(0.8281, -0.0078, 0.0755);

    /// <summary>The square crop (left, top, side; may reach outside the photo) that frames <paramref name="box"/> so.</summary>
    public (int Left, int Top, int Side) CropFor(FaceBox box)
    {
        double side = box.Width / BoxShare;
        double centreX = box.X + box.Width / 2.0 - OffsetX * side, centreY = box.Y + box.Height / 2.0 - OffsetY * side;
        int rounded = Math.Max(1, (int)Math.Round(side));
        return ((int)Math.Round(centreX - side / 2), (int)Math.Round(centreY - side / 2), rounded);
    }

    /// <summary>
    /// The framing of square gray faces [N,1,S,S] (uint8): medians over the faces in which the detector found a face
    /// (the largest), with how many those were. Each face is enlarged to <see cref="MeasuredSide"/> first: on a 48 px
    /// face the cascades' boxes fall on a coarse grid of sizes and places, and the medians would land on its steps.
    /// </summary>
    public static (FaceFraming Framing, int Found) Measure(Tensor images, FaceDetector detector)
    {
        long n = images.shape[0];
        int original = (int)images.shape[2], side = MeasuredSide;
        var shares = new List<double>();
        var offsetsX = new List<double>();
        var offsetsY = new List<double>();
        var pixels = new byte[original * original];
        var enlarged = new byte[side * side];
        using var contiguous = images.contiguous();
        for (long i = 0; i < n; i++)
        {
            using var face = contiguous[i].flatten();
            face.data<byte>().CopyTo(pixels);
            Loading.FaceImageReader.ResizeGray(pixels, original, original, side, enlarged);
            var found = detector.Detect(enlarged, side, side);
            if (found.Count == 0) continue;
            var box = found[0];
            shares.Add(box.Width / (double)side);
            offsetsX.Add((box.X + box.Width / 2.0) / side - 0.5);
            offsetsY.Add((box.Y + box.Height / 2.0) / side - 0.5);
        }
        if (shares.Count == 0) throw new EmoAugException("no face was found in any image: no framing to measure");
        return (new FaceFraming(Median(shares), Median(offsetsX), Median(offsetsY)), shares.Count);
    }

    /// <summary>The side faces are enlarged to before they are measured.</summary>
    public const int MeasuredSide = 192;

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
