using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators.CycleGan;

/// <summary>
/// The reference CycleGAN's history of generated images (Shrivastava et al. 2017): the discriminator sees, for each
/// new fake, with probability 1/2 an older fake from the pool (which the new one replaces), else the new one. Until
/// the pool is full every new image is stored and returned. Keeps the discriminator from chasing the generator's
/// latest mode. The pool owns its stored tensors (outside any dispose scope); dispose it when done.
/// </summary>
public sealed class ImagePool : IDisposable
{
    readonly List<Tensor> images = [];

    public ImagePool(int capacity)
    {
        if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        Capacity = capacity;
    }

    public int Capacity { get; }
    public int Count => images.Count;

    /// <summary>
    /// The batch the discriminator should see for the new fakes <paramref name="batch"/> [B,C,H,W]. Draws come from
    /// <paramref name="random"/> (the trainer's per-epoch generator, so a resumed run draws the same).
    /// </summary>
    public Tensor Query(Tensor batch, Random random)
    {
        using var noGrad = torch.no_grad();
        var fresh = batch.detach();
        if (Capacity == 0) return fresh;
        var chosen = new List<Tensor>();
        for (long i = 0; i < fresh.shape[0]; i++)
        {
            var image = fresh[i].unsqueeze(0);
            if (images.Count < Capacity)
            {
                images.Add(Keep(image));
                chosen.Add(image);
            }
            else if (random.NextDouble() > 0.5)
            {
                int slot = random.Next(Capacity);
                chosen.Add(images[slot].clone());
                images[slot].Dispose();
                images[slot] = Keep(image);
            }
            else chosen.Add(image);
        }
        return torch.cat(chosen, 0);
    }

    /// <summary>The stored images as one tensor [Count,C,H,W] (for checkpoints), or null when empty.</summary>
    public Tensor? Snapshot() => images.Count == 0 ? null : torch.cat(images, 0);

    /// <summary>Replaces the contents with the rows of <paramref name="stored"/> (from <see cref="Snapshot"/>).</summary>
    public void Restore(Tensor? stored)
    {
        Clear();
        if (stored is null) return;
        if (stored.shape[0] > Capacity) throw new ArgumentException("more stored images than the pool holds");
        for (long i = 0; i < stored.shape[0]; i++) images.Add(Keep(stored[i].unsqueeze(0)));
    }

    static Tensor Keep(Tensor image)
    {
        var copy = image.detach().clone();
        copy.DetachFromDisposeScope();
        return copy;
    }

    void Clear()
    {
        foreach (var image in images) image.Dispose();
        images.Clear();
    }

    public void Dispose() => Clear();
}
