using static EmoAug.Data.Synthetic.Sdf;

namespace EmoAug.Data.Synthetic;

/// <summary>
/// Paints one synthetic face: an identity wearing an expression, seen under a random pose (rotation, shift, scale),
/// light, background, contrast and noise, sometimes partly hidden by an occluder (a hand). Each pixel is shaded by
/// layering anti-aliased shapes in face coordinates (back to front: background, hair, neck, head, features, hair,
/// occluder).
/// </summary>
internal sealed class FacePainter
{
    readonly FaceIdentity id;
    readonly FaceExpression ex;
    readonly double pixel; // one pixel's side in face units: the anti-aliasing width

    // Pose and light of this image.
    readonly double centerX, centerY, unit, cos, sin;
    readonly double background, backgroundSlopeX, backgroundSlopeY;
    readonly double lightX, lightY, contrast, brightness, noise;
    readonly double gazeX, gazeY;
    readonly int sneerSide;

    // Occluder (a hand or object in front of the face), if any.
    readonly bool occluded;
    readonly double occluderX, occluderY, occluderRx, occluderRy, occluderTone;

    // Feature geometry, derived once from identity and expression.
    readonly double browBase, browInnerY, browMidY, browOuterY, browRadius;
    readonly double eyeRx, eyeRy, eyeLowerClip;
    readonly double noseY, mouthHalfWidth, mouthCurve, lipExponent, lipPress;

    FacePainter(int size, FaceIdentity id, FaceExpression ex, Random r)
    {
        double U(double lo, double hi) => lo + (hi - lo) * r.NextDouble();
        this.id = id;
        this.ex = ex;
        double angle = U(-9, 9) * Math.PI / 180;
        cos = Math.Cos(angle);
        sin = Math.Sin(angle);
        unit = size / 2.8 * U(0.94, 1.06);
        centerX = size / 2.0 + U(-2, 2) * size / 48;
        centerY = size / 2.0 + size * 0.03 + U(-2, 2) * size / 48;
        pixel = 1 / unit;

        background = U(20, 215);
        if (Math.Abs(background - id.Skin) < 30) background = id.Skin > 128 ? id.Skin - 70 : id.Skin + 70;
        backgroundSlopeX = U(-40, 40) / size;
        backgroundSlopeY = U(-40, 40) / size;
        double lightAngle = U(0, 2 * Math.PI), light = U(0, 0.2);
        lightX = light * Math.Cos(lightAngle);
        lightY = light * Math.Sin(lightAngle);
        contrast = U(0.8, 1.15);
        brightness = U(-15, 15);
        noise = U(2, 8);
        gazeX = U(-0.03, 0.03);
        gazeY = U(-0.015, 0.015);
        sneerSide = r.Next(2) * 2 - 1;

        occluded = r.NextDouble() < 0.1;
        occluderX = U(-0.9, 0.9);
        occluderY = U(-0.3, 1.1);
        occluderRx = U(0.2, 0.45);
        occluderRy = U(0.15, 0.35);
        occluderTone = r.NextDouble() < 0.6 ? id.Skin * U(0.8, 1.05) : U(20, 230);

        browBase = id.EyeY - id.BrowGap - id.RestBrow - ex.BrowRaise;
        browInnerY = browBase - ex.BrowInnerRaise;
        browMidY = browBase - id.BrowArch - 0.3 * Math.Max(0, ex.BrowRaise);
        browOuterY = browBase + 0.02 + 0.4 * ex.BrowInnerRaise;
        browRadius = id.BrowThickness;
        eyeRx = id.EyeWidth * (1 + 0.1 * Math.Max(0, ex.EyeOpen));
        eyeRy = Math.Max(0.012, id.EyeHeight * id.RestEyeOpen * (1 + ex.EyeOpen));
        eyeLowerClip = eyeRy * (1 - 0.5 * Math.Clamp(ex.CheekRaise, 0, 1));
        noseY = id.NoseY - 0.03 * ex.NoseWrinkle;
        mouthHalfWidth = id.MouthHalfWidth * (1 + ex.MouthWidth);
        mouthCurve = id.RestMouthCurve + ex.MouthCurve;
        lipExponent = 1 - 0.5 * Math.Clamp(ex.Roundness, 0, 1);
        lipPress = Math.Clamp(ex.LipPress, 0, 1);
    }

    /// <summary>Draws the face into <paramref name="image"/> (size x size gray bytes, row-major).</summary>
    public static void Paint(Span<byte> image, int size, FaceIdentity id, FaceExpression ex, Random r)
    {
        var painter = new FacePainter(size, id, ex, r);
        // Pixel noise from a cheap generator seeded by this image's stream (one 64-bit draw per pixel).
        ulong state = (ulong)r.NextInt64() | 1;
        for (int row = 0; row < size; row++)
        for (int col = 0; col < size; col++)
        {
            double v = painter.Shade(col + 0.5, row + 0.5);
            v = 128 + (v - 128) * painter.contrast + painter.brightness + painter.noise * NearGaussian(ref state);
            image[row * size + col] = (byte)Math.Clamp(Math.Round(v), 0, 255);
        }
    }

    /// <summary>Roughly standard-normal noise: the sum of four 16-bit uniforms of one xorshift draw, rescaled.</summary>
    static double NearGaussian(ref ulong state)
    {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        double sum = (state & 0xFFFF) + (state >> 16 & 0xFFFF) + (state >> 32 & 0xFFFF) + (state >> 48);
        return (sum / 65535.0 - 2) * 1.7320508; // four uniforms: mean 2, standard deviation 1/sqrt(3)
    }

    double Shade(double px, double py)
    {
        // Pixel -> face coordinates (undo shift, scale and rotation).
        double dx = (px - centerX) / unit, dy = (py - centerY) / unit;
        double x = cos * dx + sin * dy, y = -sin * dx + cos * dy;

        double v = background + backgroundSlopeX * (px - centerX) + backgroundSlopeY * (py - centerY);
        if (id.HairStyle == FaceIdentity.LongHair && y < 0.95)
            v = Lerp(v, id.HairTone, Coverage(Ellipse(x, y, 0, -0.1, id.HeadWidth * 1.25, id.HeadHeight * 1.12), pixel));
        if (y > 0.5 && Math.Abs(x) < 0.6)
            v = Lerp(v, id.Skin * 0.78, Coverage(Math.Abs(x) - 0.45 * id.HeadWidth, pixel));

        double head = HeadDistance(x, y);
        if (head < pixel)
        {
            double skin = SkinTone(x, y);
            v = Lerp(v, Features(x, y, skin), Coverage(head, pixel));
        }
        v = Hair(x, y, v);
        if (occluded)
            v = Lerp(v, occluderTone, Coverage(Ellipse(x, y, occluderX, occluderY, occluderRx, occluderRy), pixel));
        return v;
    }

    double HeadDistance(double x, double y)
    {
        double below = Math.Max(0, y / id.HeadHeight);
        double width = id.HeadWidth * (1 - id.JawNarrowing * below * below);
        return Ellipse(x, y, 0, 0, width, id.HeadHeight);
    }

    /// <summary>Skin shaded as a rounded surface (darker towards the edges) under a directional light.</summary>
    double SkinTone(double x, double y)
    {
        double rx = x / id.HeadWidth, ry = y / id.HeadHeight;
        return id.Skin * (1 - 0.16 * (rx * rx + ry * ry)) * (1 + lightX * x + lightY * y);
    }

    double Hair(double x, double y, double v)
    {
        if (id.HairStyle == FaceIdentity.Bald || y > 0) return v;
        double curve = id.HairStyle == FaceIdentity.Fringe ? 0.12 : 0.35;
        double below = Math.Max(Ellipse(x, y, 0, -0.05, id.HeadWidth * 1.07, id.HeadHeight * 1.07),
            y - (id.HairlineY + curve * x * x));
        return Lerp(v, id.HairTone, Coverage(below, pixel));
    }

    double Features(double x, double y, double skin)
    {
        double v = skin;
        double ax = Math.Abs(x);
        int side = x < 0 ? -1 : 1;
        if (y > id.EyeY - 0.55 && y < id.EyeY - 0.02 && ax < id.EyeSpacing + 0.35) v = Brows(ax, y, v, skin);
        if (Math.Abs(y - id.EyeY) < 0.4 && ax < id.EyeSpacing + 0.4) v = Eye(side * x, y, side, v, skin);
        if (y > id.EyeY - 0.05 && y < noseY + 0.12 && ax < 0.3) v = Nose(ax, y, v, skin);
        if (y > noseY - 0.1 && y < id.MouthY + 0.45 && ax < mouthHalfWidth + 0.2) v = Mouth(x, ax, y, v, skin);
        return v;
    }

    /// <summary>Brows on the mirrored x (both sides alike): inner, middle and outer points; a furrow between them.</summary>
    double Brows(double ax, double y, double v, double skin)
    {
        double inner = id.EyeSpacing - 0.24, mid = id.EyeSpacing - 0.02, outer = id.EyeSpacing + 0.2;
        double brow = Math.Min(Capsule(ax, y, inner, browInnerY, mid, browMidY, browRadius * 1.1),
            Capsule(ax, y, mid, browMidY, outer, browOuterY, browRadius * 0.75));
        v = Lerp(v, id.BrowTone, 0.9 * Coverage(brow, pixel));
        if (ex.BrowFurrow > 0.05)
        {
            double furrow = Capsule(ax, y, 0.035, browInnerY - 0.02, 0.05, browInnerY + 0.11, 0.012);
            v = Lerp(v, skin * 0.55, Math.Clamp(0.6 * ex.BrowFurrow, 0, 1) * Coverage(furrow, pixel * 1.5));
        }
        return v;
    }

    /// <summary>One eye on the mirrored x: socket shadow, almond opening with sclera, iris and pupil, lash line.</summary>
    double Eye(double ax, double y, int side, double v, double skin)
    {
        double cx = id.EyeSpacing, cy = id.EyeY;
        double socket = Ellipse(ax, y, cx, cy - 0.01, id.EyeWidth * 1.45, id.EyeHeight * 2.3);
        v *= 1 - 0.12 * Coverage(socket, pixel * 4);
        if (ex.CheekRaise > 0.05)
        {
            double t = (ax - cx) / id.EyeWidth;
            double crease = Math.Max(Math.Abs(y - (cy + id.EyeHeight + 0.07 + 0.08 * t * t)) - 0.012, Math.Abs(t) - 1.1);
            v = Lerp(v, skin * 0.7, Math.Clamp(0.45 * ex.CheekRaise, 0, 1) * Coverage(crease, pixel));
        }
        double opening = Math.Max(Ellipse(ax, y, cx, cy, eyeRx, eyeRy), y - (cy + eyeLowerClip));
        double open = Coverage(opening, pixel);
        if (open > 0)
        {
            double irisX = cx + side * gazeX, irisY = cy + gazeY;
            double iris = Coverage(Ellipse(ax, y, irisX, irisY, id.IrisRadius, id.IrisRadius), pixel);
            double pupil = Coverage(Ellipse(ax, y, irisX, irisY, id.IrisRadius * 0.45, id.IrisRadius * 0.45), pixel);
            double inside = Lerp(Lerp(id.Sclera, id.IrisTone, iris), 12, pupil);
            v = Lerp(v, inside, open);
        }
        double lash = Math.Max(Math.Abs(opening) - 0.022, y - cy);
        v = Lerp(v, 20, 0.85 * Coverage(lash, pixel));
        double lowerLid = Math.Max(Math.Abs(opening) - 0.01, cy - y);
        v = Lerp(v, skin * 0.6, 0.4 * Coverage(lowerLid, pixel));
        if (id.Glasses)
        {
            double rim = Math.Abs(Ellipse(ax, y, cx, cy + 0.02, id.EyeWidth * 1.6, 0.17)) - 0.018;
            double bridge = Capsule(ax, y, 0, cy - 0.02, cx - id.EyeWidth * 1.6, cy - 0.02, 0.015);
            v = Lerp(v, 30, 0.9 * Coverage(Math.Min(rim, bridge), pixel));
        }
        return v;
    }

    /// <summary>Nose on the mirrored x: side shading, tip shadow, nostrils; wrinkles across the bridge for disgust.</summary>
    double Nose(double ax, double y, double v, double skin)
    {
        double sideShade = Capsule(ax, y, 0.09, id.EyeY + 0.12, 0.11, noseY - 0.06, 0.025);
        v *= 1 - 0.1 * Coverage(sideShade, pixel * 3);
        double tip = Ellipse(ax, y, 0, noseY + 0.015, id.NoseWidth, 0.045);
        v *= 1 - 0.18 * Coverage(tip, pixel * 3);
        double flare = 1 + 0.4 * Math.Max(0, ex.NoseWrinkle);
        double nostril = Ellipse(ax, y, id.NoseWidth * 0.55, noseY + 0.01, 0.035 * flare, 0.02 * flare);
        v = Lerp(v, skin * 0.3, 0.75 * Coverage(nostril, pixel));
        if (ex.NoseWrinkle > 0.05)
        {
            double strength = Math.Clamp(0.7 * ex.NoseWrinkle, 0, 1);
            double wrinkle = double.MaxValue;
            for (int k = 0; k < 3; k++)
            {
                double wy = id.EyeY + 0.08 + k * 0.055 + 0.5 * ax * ax;
                wrinkle = Math.Min(wrinkle, Math.Max(Math.Abs(y - wy) - 0.013, ax - 0.1 + 0.01 * k));
            }
            wrinkle = Math.Min(wrinkle, Capsule(ax, y, 0.09, id.EyeY + 0.04, 0.17, id.EyeY + 0.16, 0.012));
            v = Lerp(v, skin * 0.45, strength * Coverage(wrinkle, pixel));
        }
        return v;
    }

    /// <summary>
    /// Mouth: lips and opening between an upper and a lower curve (their curvature makes smile or frown, their gap
    /// opens the mouth, a bump in the upper one is disgust's raised lip), teeth, and the folds from nose to mouth.
    /// </summary>
    double Mouth(double x, double ax, double y, double v, double skin)
    {
        double fold = Math.Clamp(ex.Nasolabial, 0, 1);
        if (fold > 0.05)
        {
            double startX = id.NoseWidth + 0.06, endX = mouthHalfWidth + 0.07;
            double midX = Math.Max(startX, endX) + 0.04, midY = (noseY + id.MouthY) / 2;
            double crease = Math.Min(Capsule(ax, y, startX, noseY - 0.02, midX, midY, 0.014),
                Capsule(ax, y, midX, midY, endX, id.MouthY + 0.08 - mouthCurve * 0.6, 0.014));
            v = Lerp(v, skin * 0.55, 0.6 * fold * Coverage(crease, pixel * 1.5));
        }
        if (ax > mouthHalfWidth + pixel) return v; // beyond the lips' corners: nothing more to draw
        double t = x / mouthHalfWidth, tc = Math.Clamp(t, -1, 1);
        double ends = (Math.Abs(t) - 1) * mouthHalfWidth;
        double across = 1 - tc * tc;
        double profile = Math.Pow(across, lipExponent);
        double middle = id.MouthY - mouthCurve * (tc * tc - 0.4);
        double sneer = (tc - sneerSide * 0.35) / 0.55;
        double raise = 0.1 * Math.Max(0, ex.UpperLipRaise) * Math.Exp(-sneer * sneer) * Math.Sqrt(across);
        double upper = middle - Math.Max(0, ex.MouthOpenUpper) * profile - raise;
        double lower = middle + Math.Max(0, ex.MouthOpenLower) * profile;
        double taper = Math.Pow(across, 0.4) * (1 - 0.75 * lipPress);

        double lips = Math.Max(Math.Max(upper - id.LipThickness * taper - y, y - lower - 1.3 * id.LipThickness * taper), ends);
        v = Lerp(v, skin * id.LipShade * (1 - 0.15 * lipPress), Coverage(lips, pixel));
        double opening = Math.Max(Math.Max(upper - y, y - lower), ends);
        double inside = Lerp(30, 205, Math.Clamp(ex.Teeth, 0, 1) * Coverage(y - (upper + 0.05), pixel));
        v = Lerp(v, inside, Coverage(opening, pixel));
        // The line where closed lips meet; it fades as the mouth opens.
        double seam = Math.Max(Math.Abs(y - middle) - 0.012 * (1 + lipPress), ends);
        double closed = Math.Clamp(1 - (lower - upper) / 0.04, 0, 1);
        return Lerp(v, 35, 0.8 * closed * Coverage(seam, pixel));
    }
}
