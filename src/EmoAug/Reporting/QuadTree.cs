namespace EmoAug.Reporting;

/// <summary>
/// Barnes-Hut quadtree over the 2-D embedding: each cell keeps its point count and centre of mass so that t-SNE's
/// repulsive forces from a far-away cell can be taken as one point's. Rebuilt every iteration; arrays are reused.
/// A leaf holds one position (with a count, so identical points share a leaf instead of splitting forever).
/// </summary>
internal sealed class QuadTree
{
    int[] firstChild = new int[64];   // index of the first of four children, -1 for a leaf
    int[] count = new int[64];
    double[] centerX = new double[64], centerY = new double[64], halfWidth = new double[64];
    double[] massX = new double[64], massY = new double[64];
    int nodes;
    double minimumHalfWidth;

    public void Build(double[] y, int n)
    {
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        for (int i = 0; i < n; i++)
        {
            minX = Math.Min(minX, y[2 * i]); maxX = Math.Max(maxX, y[2 * i]);
            minY = Math.Min(minY, y[2 * i + 1]); maxY = Math.Max(maxY, y[2 * i + 1]);
        }
        double half = Math.Max(maxX - minX, maxY - minY) / 2 * (1 + 1e-9) + 1e-12;
        minimumHalfWidth = half * 1e-12;
        nodes = 0;
        NewNode((minX + maxX) / 2, (minY + maxY) / 2, half);
        for (int i = 0; i < n; i++) Insert(y[2 * i], y[2 * i + 1]);
    }

    /// <summary>
    /// Sum over all other points j of q_ij = 1 / (1 + |y_i - y_j|^2) and of q_ij^2 (y_i - y_j), with cells whose
    /// width / distance is below theta taken as a whole.
    /// </summary>
    public (double SumQ, double ForceX, double ForceY) Repulsion(double x, double y, double theta)
    {
        double theta2 = theta * theta, sumQ = 0, forceX = 0, forceY = 0;
        // Depth-first with an explicit stack: each level adds at most 3 pending siblings, and depth is bounded by
        // the minimum cell size (about 40 halvings of the root), so 256 entries are plenty.
        Span<int> stack = stackalloc int[256];
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            int node = stack[--top];
            int mass = count[node];
            if (mass == 0) continue;
            double dx = x - massX[node], dy = y - massY[node];
            double d2 = dx * dx + dy * dy;
            int first = firstChild[node];
            double width = 2 * halfWidth[node];
            if (first < 0 || width * width < theta2 * d2)
            {
                if (d2 == 0)
                {
                    // Only the leaf holding the point itself sits at distance 0 (a cell containing the point is
                    // never summarised); its other points are duplicates: q = 1 each, no force.
                    sumQ += mass - 1;
                    continue;
                }
                double q = 1 / (1 + d2);
                double mq = mass * q;
                sumQ += mq;
                forceX += mq * q * dx;
                forceY += mq * q * dy;
                continue;
            }
            for (int c = 3; c >= 0; c--) stack[top++] = first + c; // visit children in order 0..3
        }
        return (sumQ, forceX, forceY);
    }

    void Insert(double x, double y)
    {
        int node = 0;
        while (true)
        {
            if (firstChild[node] < 0)
            {
                bool empty = count[node] == 0;
                bool samePlace = massX[node] == x && massY[node] == y;
                if (!empty && !samePlace && halfWidth[node] >= minimumHalfWidth)
                {
                    Split(node); // then descend below as through any inner cell
                }
                else
                {
                    // An empty leaf takes the point; a leaf at the same place (or too small to split) counts it.
                    AddMass(node, x, y);
                    return;
                }
            }
            AddMass(node, x, y);
            node = firstChild[node] + Quadrant(node, x, y);
        }
    }

    void AddMass(int node, double x, double y)
    {
        int total = ++count[node];
        massX[node] += (x - massX[node]) / total;
        massY[node] += (y - massY[node]) / total;
    }

    /// <summary>Turns a leaf into four children and moves its existing point(s) into the right one.</summary>
    void Split(int node)
    {
        double oldX = massX[node], oldY = massY[node];
        int oldCount = count[node];
        double h = halfWidth[node] / 2;
        int first = nodes;
        NewNode(centerX[node] - h, centerY[node] - h, h);
        NewNode(centerX[node] + h, centerY[node] - h, h);
        NewNode(centerX[node] - h, centerY[node] + h, h);
        NewNode(centerX[node] + h, centerY[node] + h, h);
        firstChild[node] = first;
        int child = first + Quadrant(node, oldX, oldY);
        count[child] = oldCount;
        massX[child] = oldX;
        massY[child] = oldY;
    }

    int Quadrant(int node, double x, double y) => (x >= centerX[node] ? 1 : 0) + (y >= centerY[node] ? 2 : 0);

    void NewNode(double cx, double cy, double half)
    {
        if (nodes == firstChild.Length)
        {
            int size = nodes * 2;
            Array.Resize(ref firstChild, size); Array.Resize(ref count, size);
            Array.Resize(ref centerX, size); Array.Resize(ref centerY, size); Array.Resize(ref halfWidth, size);
            Array.Resize(ref massX, size); Array.Resize(ref massY, size);
        }
        firstChild[nodes] = -1; count[nodes] = 0;
        centerX[nodes] = cx; centerY[nodes] = cy; halfWidth[nodes] = half;
        massX[nodes] = 0; massY[nodes] = 0;
        nodes++;
    }
}
