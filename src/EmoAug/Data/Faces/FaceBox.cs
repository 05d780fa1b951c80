namespace EmoAug.Data.Faces;

/// <summary>A detected face: its box in the photo's pixels (x, y of the top-left corner).</summary>
public readonly record struct FaceBox(int X, int Y, int Width, int Height)
{
    public int Area => Width * Height;
}
