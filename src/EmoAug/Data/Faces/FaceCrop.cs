using EmoAug.Data.Loading;
using OpenCvSharp;

namespace EmoAug.Data.Faces;

/// <summary>
/// Cuts a face out of a gray photo as a dataset frames its faces (<see cref="FaceFraming"/>), resized to a square
/// side as the loaders resize. Where the crop reaches past the photo's edge the edge pixels are repeated.
/// </summary>
public static class FaceCrop
{
    public static void Crop(ReadOnlySpan<byte> gray, int width, int height, FaceBox face, FaceFraming framing,
        int size, Span<byte> destination)
    {
        var (left, top, side) = framing.CropFor(face);
        int padLeft = Math.Max(0, -left), padTop = Math.Max(0, -top);
        int padRight = Math.Max(0, left + side - width), padBottom = Math.Max(0, top + side - height);
        using var photo = Mat.FromPixelData(height, width, MatType.CV_8UC1, gray.ToArray());
        using var padded = new Mat();
        Cv2.CopyMakeBorder(photo, padded, padTop, padBottom, padLeft, padRight, BorderTypes.Replicate);
        using var square = new Mat(padded, new Rect(left + padLeft, top + padTop, side, side)).Clone();
        var pixels = new byte[side * side];
        System.Runtime.InteropServices.Marshal.Copy(square.Data, pixels, 0, pixels.Length);
        FaceImageReader.ResizeGray(pixels, side, side, size, destination);
    }
}
