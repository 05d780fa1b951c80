namespace EmoAug.Training;

/// <summary>
/// Classic on-the-fly augmentation of training batches (the baseline generated data must beat).
/// </summary>
/// <param name="FlipProbability">Chance of a horizontal mirror (faces are close to symmetric; labels do not change).</param>
/// <param name="MaxShift">Largest shift, as a fraction of the image side, in x and y independently (0.1 = 4.8 px at 48).</param>
/// <param name="MaxRotationDegrees">Largest rotation either way.</param>
/// <param name="MaxZoom">Largest zoom in or out (0.1 = scale 0.9 to 1.1); zooming in acts as a random crop.</param>
/// <param name="Brightness">Largest brightness change, as a fraction of the full range (0.2 = +-51 gray levels).</param>
/// <param name="Contrast">Largest contrast change (0.2 = contrast times 0.8 to 1.2 around the image mean).</param>
public sealed record ClassicAugmentation(double FlipProbability = 0.5, double MaxShift = 0.1,
    double MaxRotationDegrees = 10, double MaxZoom = 0.1, double Brightness = 0.2, double Contrast = 0.2)
{
    /// <summary>
    /// These strengths times <paramref name="factor"/>: shift, rotation, zoom, brightness and contrast scale, the flip's
    /// chance stays, so 0 leaves the mirror alone. A small network in a short run under-fits fully augmented faces;
    /// 0.5 is the lighter setting.
    /// </summary>
    public ClassicAugmentation Scaled(double factor) => !(factor >= 0)
        ? throw new EmoAugException($"--augment-strength {factor}: must not be negative (0 = mirror only)")
        : this with
    {
        MaxShift = MaxShift * factor, MaxRotationDegrees = MaxRotationDegrees * factor, MaxZoom = MaxZoom * factor,
        Brightness = Brightness * factor, Contrast = Contrast * factor,
    };

    /// <summary>
    /// Throws an <see cref="EmoAugException"/> naming the first strength outside its sensible range: beyond these
    /// bounds a face is mirrored more than always, shifted off the image, or zoomed or contrasted through zero.
    /// </summary>
    public void Validate()
    {
        Check(nameof(FlipProbability), FlipProbability, 1, inclusive: true);
        Check(nameof(MaxShift), MaxShift, 0.5, inclusive: false);
        Check(nameof(MaxRotationDegrees), MaxRotationDegrees, 180, inclusive: true);
        Check(nameof(MaxZoom), MaxZoom, 1, inclusive: false);
        Check(nameof(Brightness), Brightness, 1, inclusive: true);
        Check(nameof(Contrast), Contrast, 1, inclusive: false);
    }

    static void Check(string name, double value, double limit, bool inclusive)
    {
        bool fits = value >= 0 && (inclusive ? value <= limit : value < limit);
        if (!fits)
            throw new EmoAugException($"augmentation {name} {value}: must be from 0 to {(inclusive ? "" : "under ")}{limit} " +
                "(--augment-strength scales shift, rotation, zoom, brightness and contrast)");
    }
}
