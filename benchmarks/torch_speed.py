#!/usr/bin/env python3
"""PyTorch side of EmoAug's speed benchmark: the same models, batch and thread count as `emoaug bench`.

Prints one JSON line: {"framework": "pytorch", "model": ..., "items_per_s": ...}.
Run by benchmarks/speed.sh, which runs EmoAug's side in the same session and prints the ratio.
"""
import argparse, json, time
import torch
import torch.nn as nn
import torch.nn.functional as F


class PaperCnn(nn.Module):
    """Mirror of src/EmoAug/Models/PaperCnn.cs (the paper's CIFAR-10-style CNN)."""
    def __init__(self, classes=7, size=48):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 64, 5, padding=2)
        self.conv2 = nn.Conv2d(64, 64, 5, padding=2)
        self.lrn = nn.LocalResponseNorm(9, alpha=0.001, beta=0.75, k=1.0)
        s = size
        for _ in range(2):
            s = (s - 3 + 2) // 2 + 1  # 3x3 pool, stride 2, padding 1
        self.fc1 = nn.Linear(64 * s * s, 384)
        self.fc2 = nn.Linear(384, 192)
        self.out = nn.Linear(192, classes)

    def forward(self, x):
        x = F.relu(self.lrn(F.max_pool2d(self.conv1(x), 3, 2, 1)))
        x = F.max_pool2d(self.lrn(F.relu(self.conv2(x))), 3, 2, 1)
        x = torch.flatten(x, 1)
        return self.out(F.relu(self.fc2(F.relu(self.fc1(x)))))


class VggNet(nn.Module):
    """Mirror of src/EmoAug/Models/VggNet.cs: 4 blocks of (conv3x3-BN-ReLU) x2 + maxpool, widths 32-256."""
    def __init__(self, classes=7, dropout=0.4):
        super().__init__()
        layers, c = [], 1
        for w in (32, 64, 128, 256):
            for _ in range(2):
                layers += [nn.Conv2d(c, w, 3, padding=1, bias=False), nn.BatchNorm2d(w), nn.ReLU()]
                c = w
            layers.append(nn.MaxPool2d(2))
        self.body = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(3)
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(dropout), nn.Linear(256 * 9, 256), nn.ReLU(),
                                  nn.Dropout(dropout), nn.Linear(256, classes))

    def forward(self, x):
        return self.head(self.pool(self.body(x)))


class ResBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.body = nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(c, c, 3), nn.InstanceNorm2d(c), nn.ReLU(True),
                                  nn.ReflectionPad2d(1), nn.Conv2d(c, c, 3), nn.InstanceNorm2d(c))

    def forward(self, x):
        return x + self.body(x)


def resnet_generator(ngf, blocks):
    layers = [nn.ReflectionPad2d(3), nn.Conv2d(1, ngf, 7), nn.InstanceNorm2d(ngf), nn.ReLU(True)]
    c = ngf
    for _ in range(2):
        layers += [nn.Conv2d(c, c * 2, 3, stride=2, padding=1), nn.InstanceNorm2d(c * 2), nn.ReLU(True)]
        c *= 2
    layers += [ResBlock(c) for _ in range(blocks)]
    for _ in range(2):
        layers += [nn.ConvTranspose2d(c, c // 2, 3, stride=2, padding=1, output_padding=1), nn.InstanceNorm2d(c // 2), nn.ReLU(True)]
        c //= 2
    layers += [nn.ReflectionPad2d(3), nn.Conv2d(c, 1, 7), nn.Tanh()]
    return nn.Sequential(*layers)


def patch_discriminator(ndf, layers_count):
    layers = [nn.Conv2d(1, ndf, 4, stride=2, padding=1), nn.LeakyReLU(0.2, True)]
    c = ndf
    for _ in range(1, layers_count):
        layers += [nn.Conv2d(c, c * 2, 4, stride=2, padding=1), nn.InstanceNorm2d(c * 2), nn.LeakyReLU(0.2, True)]
        c *= 2
    layers += [nn.Conv2d(c, c * 2, 4, stride=1, padding=1), nn.InstanceNorm2d(c * 2), nn.LeakyReLU(0.2, True),
               nn.Conv2d(c * 2, 1, 4, stride=1, padding=1)]
    return nn.Sequential(*layers)


def bench_classifier(args):
    model = PaperCnn(7, args.size) if args.model == "paper-cnn" else VggNet(7)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(args.batch, 1, args.size, args.size)
    y = torch.randint(0, 7, (args.batch,))

    # bfloat16: PyTorch's own mixed precision (autocast: convolutions and linear layers in bfloat16, the weights in
    # float32), the counterpart of EmoAug's --precision bfloat16.
    reduced = args.precision == "bfloat16"

    def step():
        opt.zero_grad()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=reduced):
            loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
    return timed(step, args, args.batch)


def bench_cyclegan(args):
    g_ab, g_ba = resnet_generator(args.ngf, args.blocks), resnet_generator(args.ngf, args.blocks)
    d_a, d_b = patch_discriminator(args.ndf, args.dlayers), patch_discriminator(args.ndf, args.dlayers)
    opt_g = torch.optim.Adam(list(g_ab.parameters()) + list(g_ba.parameters()), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(list(d_a.parameters()) + list(d_b.parameters()), lr=2e-4, betas=(0.5, 0.999))
    a = torch.rand(args.batch, 1, args.size, args.size) * 2 - 1
    b = torch.rand(args.batch, 1, args.size, args.size) * 2 - 1
    mse, l1 = nn.MSELoss(), nn.L1Loss()

    def requires_grad(value):
        for p in list(d_a.parameters()) + list(d_b.parameters()):
            p.requires_grad_(value)

    def step():
        # Same order as EmoAug's CycleGanTrainer.Step: generators (discriminators frozen), then discriminators.
        requires_grad(False)
        opt_g.zero_grad()
        fake_b, fake_a = g_ab(a), g_ba(b)
        pb, pa = d_b(fake_b), d_a(fake_a)
        loss_g = (mse(pb, torch.ones_like(pb)) + mse(pa, torch.ones_like(pa))
                  + 10 * (l1(g_ba(fake_b), a) + l1(g_ab(fake_a), b))
                  + 5 * (l1(g_ab(b), b) + l1(g_ba(a), a)))
        loss_g.backward()
        opt_g.step()
        requires_grad(True)
        opt_d.zero_grad()
        loss_d = 0
        for d, real, fake in ((d_a, a, fake_a), (d_b, b, fake_b)):
            pr, pf = d(real), d(fake.detach())
            loss_d = loss_d + 0.5 * (mse(pr, torch.ones_like(pr)) + mse(pf, torch.zeros_like(pf)))
        loss_d.backward()
        opt_d.step()
    return timed(step, args, 1)


def timed(step, args, items_per_step):
    for _ in range(args.warmup):
        step()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    elapsed = time.perf_counter() - start
    return items_per_step * args.steps / elapsed


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--network", dest="model", choices=["paper-cnn", "vgg", "cyclegan"], required=True)
    p.add_argument("--batch-size", dest="batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--size", type=int, default=48)
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--precision", choices=["float32", "bfloat16"], default="float32")
    p.add_argument("--ngf", type=int, default=32)
    p.add_argument("--ndf", type=int, default=64)
    p.add_argument("--blocks", type=int, default=6)
    p.add_argument("--dlayers", type=int, default=3)
    args = p.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    rate = bench_cyclegan(args) if args.model == "cyclegan" else bench_classifier(args)
    print(json.dumps({"framework": "pytorch", "version": torch.__version__, "model": args.model,
                      "batch": args.batch, "threads": args.threads, "precision": args.precision, "items_per_s": rate}))


if __name__ == "__main__":
    main()
