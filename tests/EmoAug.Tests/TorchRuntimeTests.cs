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
        var ex = Assert.Throws<EmoAugException>(() => TorchRuntime.Device(ComputeDevice.Parse("cuda")));
        Assert.Contains("--device cuda", ex.Message);
        foreach (var bad in new[] { "tpu", "cuda:", "cuda:x", "cpu:0", "" })
        {
            ex = Assert.Throws<EmoAugException>(() => ComputeDevice.Parse(bad));
            Assert.Equal($"--device {bad}: unknown; choose cpu, cuda or cuda:N", ex.Message);
        }
        Assert.Equal(DeviceType.CPU, TorchRuntime.Device(ComputeDevice.Parse("CPU")).type);
    }

    [Fact]
    public void ADeviceIsReadAndWrittenAsTheNameFilesAlwaysHeld()
    {
        Assert.Equal(new ComputeDevice(DeviceKind.Cuda, 1), ComputeDevice.Parse("CUDA:1"));
        Assert.Equal(new ComputeDevice(DeviceKind.Cuda), ComputeDevice.Parse("cuda"));
        Assert.Equal(ComputeDevice.Cpu, default);
        // Options written when the device was a string load, and are written as they were.
        var options = System.Text.Json.JsonSerializer.Deserialize<EmoAug.Training.ClassifierOptions>("""{"Device": "cuda:2"}""")!;
        Assert.Equal(new ComputeDevice(DeviceKind.Cuda, 2), options.Device);
        Assert.Contains("\"Device\":\"cuda:2\"", System.Text.Json.JsonSerializer.Serialize(options));
        Assert.Contains("\"Device\":\"cpu\"", System.Text.Json.JsonSerializer.Serialize(new EmoAug.Training.ClassifierOptions()));
    }
}
