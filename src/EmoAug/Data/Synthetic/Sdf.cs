namespace EmoAug.Data.Synthetic;

/// <summary>
/// Signed distances (negative inside) of the simple shapes a face is drawn from, and the anti-aliased coverage of a
/// pixel from a distance. Drawing with distances gives smooth edges without supersampling.
/// </summary>
internal static class Sdf
{
    /// <summary>Fraction of a pixel of side <paramref name="pixel"/> covered by a shape at signed distance d.</summary>
    public static double Coverage(double d, double pixel) => Math.Clamp(0.5 - d / pixel, 0, 1);

    /// <summary>Approximate distance to an axis-aligned ellipse (exact on the axes, good enough for anti-aliasing).</summary>
    public static double Ellipse(double x, double y, double cx, double cy, double rx, double ry)
    {
        double px = (x - cx) / rx, py = (y - cy) / ry;
        double k0 = Math.Sqrt(px * px + py * py);
        double qx = px / rx, qy = py / ry;
        double k1 = Math.Sqrt(qx * qx + qy * qy);
        return k1 < 1e-9 ? -Math.Min(rx, ry) : k0 * (k0 - 1) / k1;
    }

    /// <summary>Distance to the segment (ax,ay)-(bx,by) thickened by <paramref name="radius"/> (a capsule).</summary>
    public static double Capsule(double x, double y, double ax, double ay, double bx, double by, double radius)
    {
        double px = x - ax, py = y - ay, vx = bx - ax, vy = by - ay;
        double h = Math.Clamp((px * vx + py * vy) / (vx * vx + vy * vy), 0, 1);
        double dx = px - vx * h, dy = py - vy * h;
        return Math.Sqrt(dx * dx + dy * dy) - radius;
    }

    public static double Lerp(double from, double to, double amount) => from + (to - from) * amount;
}
