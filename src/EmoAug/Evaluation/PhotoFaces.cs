using EmoAug.Data.Faces;
using EmoAug.Data.Loading;
using static TorchSharp.torch;

namespace EmoAug.Evaluation;

/// <summary>One face to label: its photo, its place there, and how it was framed.</summary>
/// <param name="Index">1-based number of the face in its photo (largest first).</param>
/// <param name="Box">The detected box; null when the whole image was taken as the face.</param>
/// <param name="Framing">"detected" (cropped around the detector's box as FER2013 frames faces) or "whole" (the image
/// centre-cropped and resized, as the loaders do: with --no-detect, or a small image in which no face was found).</param>
/// <param name="Frame">For a video, the frame's number (from 0), and <paramref name="Seconds"/> its time; null for a photo.</param>
public sealed record PhotoFace(string File, int Index, FaceBox? Box, string Framing, int? Frame = null, double? Seconds = null);

/// <summary>
/// The faces of photos, ready for a classifier: each face detected (<see cref="FaceDetector"/>) is cropped as FER2013
/// frames its faces (<see cref="FaceFraming.Fer2013"/>) and resized to the model's side. An image no larger than
/// <see cref="SmallImage"/> pixels on its longer side in which no face is found is taken whole, as an already cropped
/// face (FER2013's own are 48 px); a larger one has no face, which is said, per photo.
/// </summary>
public static class PhotoFaces
{
    /// <summary>The longest side of an image still taken as a cropped face when no face is found in it.</summary>
    public const int SmallImage = 128;

    /// <summary>
    /// The faces in <paramref name="files"/> (uint8 [N,1,size,size], in the order of the list), and the photos without
    /// one (with the frame's number for a video's). Of a video file (<see cref="PredictionInput.IsVideo"/>)
    /// every <paramref name="everyFrame"/>-th frame is a photo.
    /// </summary>
    public static (List<PhotoFace> Faces, Tensor Images, List<(string File, int? Frame)> NoFace) Find(IReadOnlyList<string> files, int size,
        bool detect, int everyFrame = 1)
    {
        var faces = new List<PhotoFace>();
        var crops = new List<byte[]>();
        var noFace = new List<(string File, int? Frame)>();
        using var detector = detect ? FaceDetector.Create() : null;
        void Add(string file, byte[] pixels, int width, int height, int? frame = null, double? seconds = null)
        {
            var boxes = detector?.Detect(pixels, width, height) ?? [];
            if (boxes.Count == 0 && (detector == null || Math.Max(width, height) <= SmallImage))
            {
                var whole = new byte[size * size];
                FaceImageReader.ResizeGray(pixels, width, height, size, whole);
                faces.Add(new PhotoFace(file, 1, null, "whole", frame, seconds));
                crops.Add(whole);
                return;
            }
            if (boxes.Count == 0) noFace.Add((file, frame));
            for (int i = 0; i < boxes.Count; i++)
            {
                var crop = new byte[size * size];
                FaceCrop.Crop(pixels, width, height, boxes[i], FaceFraming.Fer2013, size, crop);
                faces.Add(new PhotoFace(file, i + 1, boxes[i], "detected", frame, seconds));
                crops.Add(crop);
            }
        }
        foreach (var file in files)
        {
            if (!PredictionInput.IsVideo(file))
            {
                var (pixels, width, height) = PredictionInput.ReadGray(file);
                Add(file, pixels, width, height);
                continue;
            }
            foreach (var (frame, seconds, pixels, width, height) in VideoFrames.Gray(file, everyFrame))
                Add(file, pixels, width, height, frame, seconds);
        }
        var all = new byte[crops.Count * size * size];
        for (int i = 0; i < crops.Count; i++) crops[i].CopyTo(all, i * size * size);
        return (faces, tensor(all, [crops.Count, 1, size, size]), noFace);
    }
}
