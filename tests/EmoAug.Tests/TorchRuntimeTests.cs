using EmoAug.Runtime;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void LibTorchLoadsAndComputes()
    {
        TorchRuntime.Ensure();
        using var a = torch.arange(6, torch.float32).reshape(2, 3);
        using var b = torch.ones(3, 2);
        using var product = a.matmul(b);
        Assert.Equal(new float[] { 3, 3, 12, 12 }, product.data<float>().ToArray());
    }

    [Fact]
    public void UnknownDeviceIsAUserError()
    {
        var ex = Assert.Throws<EmoAugException>(() => TorchRuntime.Device("cuda"));
        Assert.Contains("--device cuda", ex.Message);
        ex = Assert.Throws<EmoAugException>(() => TorchRuntime.Device("tpu"));
        Assert.Equal("--device tpu: unknown; choose cpu, cuda or cuda:N", ex.Message);
        Assert.Equal(DeviceType.CPU, TorchRuntime.Device("CPU").type);
    }
}
