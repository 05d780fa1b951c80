namespace EmoAug.Data.Synthetic;

/// <summary>
/// What makes one synthetic subject look like itself: head shape, skin and hair tones, feature positions and sizes,
/// and a resting expression of its own (some people look a little sad or smiley at rest). Lengths are in face units
/// (half the head's width is about 1; y grows downwards); tones are gray levels 0-255.
/// </summary>
internal sealed record FaceIdentity(
    double HeadWidth, double HeadHeight, double JawNarrowing, double Skin,
    double EyeY, double EyeSpacing, double EyeWidth, double EyeHeight, double IrisRadius, double IrisTone,
    double Sclera, double BrowGap, double BrowThickness, double BrowTone, double BrowArch,
    double NoseY, double NoseWidth, double MouthY, double MouthHalfWidth, double LipThickness, double LipShade,
    int HairStyle, double HairTone, double HairlineY, bool Glasses,
    double RestMouthCurve, double RestBrow, double RestEyeOpen)
{
    public const int ShortHair = 0, LongHair = 1, Fringe = 2, Bald = 3;

    /// <summary>Draws a subject from its own random stream (so a subject looks the same in every split).</summary>
    public static FaceIdentity Draw(Random r)
    {
        double U(double lo, double hi) => lo + (hi - lo) * r.NextDouble();
        int hairStyle = r.Next(10) switch { < 4 => ShortHair, < 7 => LongHair, < 9 => Fringe, _ => Bald };
        double hairTone = r.NextDouble() < 0.8 ? U(15, 75) : U(130, 175);
        return new FaceIdentity(
            HeadWidth: U(0.9, 1.02), HeadHeight: U(1.16, 1.32), JawNarrowing: U(0.05, 0.3), Skin: U(105, 200),
            EyeY: U(-0.27, -0.17), EyeSpacing: U(0.34, 0.44), EyeWidth: U(0.15, 0.19), EyeHeight: U(0.075, 0.095),
            IrisRadius: U(0.07, 0.085), IrisTone: U(25, 90), Sclera: U(185, 230),
            BrowGap: U(0.19, 0.25), BrowThickness: U(0.035, 0.055), BrowTone: Math.Min(hairTone, U(25, 85)),
            BrowArch: U(0.01, 0.06),
            NoseY: U(0.2, 0.28), NoseWidth: U(0.1, 0.14), MouthY: U(0.52, 0.62), MouthHalfWidth: U(0.27, 0.34),
            LipThickness: U(0.03, 0.05), LipShade: U(0.68, 0.85),
            HairStyle: hairStyle, HairTone: hairTone, HairlineY: hairStyle == Fringe ? U(-0.66, -0.58) : U(-0.8, -0.65),
            Glasses: r.NextDouble() < 0.12,
            RestMouthCurve: U(-0.03, 0.03), RestBrow: U(-0.03, 0.03), RestEyeOpen: U(0.88, 1.12));
    }
}
