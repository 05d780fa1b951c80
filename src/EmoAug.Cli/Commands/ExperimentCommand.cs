using EmoAug.Generators;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EmoAug.Experiments;
using EmoAug.Experiments.Execution;
using EmoAug.Experiments.Planning;
using EmoAug.Models;
using EmoAug.Runtime;

namespace EmoAug.Cli.Commands;

/// <summary>
/// `emoaug experiment`: baseline against GAN augmentation (and the classic remedies) on one dataset, end to end,
/// resumable, with a report. Options come from the command line or from a JSON experiment file.
/// </summary>
public static class ExperimentCommand
{
    /// <summary>--help's headings. The rarely used settings (sweep_amounts, gan_diff_augment, gan_residual) are keys of
    /// the --config file only (docs/experiments.md).</summary>
    public static readonly IReadOnlyList<OptionGroup> HelpGroups =
    [
        new("Data and protocol", "--data", "--out", "--config", "--protocol", "--folds", "--max-folds", "--size", "--skip-invalid", "--exclude-list"),
        new("Arms", "--arms", "--seeds", "--budget", "--arm-steps", "--gan-amount"),
        new("Classifier of every arm", "--network", "--epochs", "--dropout", "--extra-conv", "--augment-strength", "--precision", "--init-from", "--lr"),
        new("Generator", "--generator", "--source", "--targets", "--gan-epochs", "--gan-iterations", "--gan-from", "--gan-init-from", "--gan-guide", "--gan-guide-augment"),
        new("Where it runs", "--threads", "--device", "--jobs", "--executor", "--partition", "--time", "--cpus-per-task", "--gres", "--sbatch-options", "--no-wait", "--unit"),
    ];

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Dataset path, or 'synthetic'." };
        var output = new Option<string?>("--out") { Description = "Experiment folder (resumable: run again to continue)." };
        var config = new Option<string?>("--config") { Description = "A JSON experiment file with the same fields as the options (snake_case), and sweep_amounts, gan_diff_augment and gan_residual, which have no option (docs/experiments.md); options given on the command line win, switches too (--extra-conv false)." };
        var protocol = new Option<string>("--protocol") { Description = "auto | official | loso | subject-kfold | kfold | split.", DefaultValueFactory = _ => "auto" };
        var arms = new Option<string[]>("--arms") { Description = $"Arms to compare (default all): {string.Join(", ", ExperimentArms.All)}.", AllowMultipleArgumentsPerToken = true };
        var seeds = new Option<int?>("--seeds") { Description = "Seeds per arm (default: the budget's)." };
        var budget = new Option<string>("--budget") { Description = "quick | standard | paper (see docs/experiments.md).", DefaultValueFactory = _ => "quick" };
        var sources = new Option<string[]>("--source") { Description = "Classes the GANs translate from (default neutral, or the most common class where there is none); with several, one CycleGAN per source and target, and equal shares of the generated faces.", AllowMultipleArgumentsPerToken = true };
        var targets = new Option<string[]>("--targets") { Description = "Classes to generate (default disgust, or the rarest class where there is none); 'all' = every other class.", AllowMultipleArgumentsPerToken = true };
        var ganAmount = new Option<double>("--gan-amount") { Description = "Generated faces per target class in the GAN arms, as a share of its real training count.", DefaultValueFactory = _ => 1.0 };
        var folds = new Option<int>("--folds") { Description = "k of the kfold and subject-kfold protocols.", DefaultValueFactory = _ => 5 };
        var maxFolds = new Option<int>("--max-folds") { Description = "Run only the first N folds (0 = all).", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = LibTorch's default).", DefaultValueFactory = _ => 0 };
        var size = new Option<int>("--size") { Description = "Image side in pixels.", DefaultValueFactory = _ => 48 };
        var network = new Option<string?>("--network") { Description = "Classifier network of every arm: paper-cnn or vgg (default: the budget's, paper-cnn)." };
        var epochs = new Option<int?>("--epochs") { Description = "Classifier epochs (default: the budget's)." };
        var dropout = new Option<double?>("--dropout") { Description = "Classifier dropout before the fully connected layers (default: the budget's)." };
        var ganEpochs = new Option<int?>("--gan-epochs") { Description = "CycleGAN epochs in all, half constant and half decaying (default: the budget's)." };
        var ganGuide = new Option<bool>("--gan-guide") { Description = $"Guide each fold's GANs with a classifier trained like the baseline (seed {ExperimentPlanner.GuideSeed}) on that fold's real training faces (train-gan --guide)." };
        var ganGuideAugment = new Option<bool>("--gan-guide-augment") { Description = "With --gan-guide: the guides judge randomly mirrored, shifted and blurred translations (train-gan --guide-augment)." };
        var ganFrom = new Option<string[]>("--gan-from") { Description = "Use these CycleGANs (train-gan folders, one per target class), or with --generator stargan one StarGAN, in every fold instead of training them: for small data sets, with a generator trained on a larger set.", AllowMultipleArgumentsPerToken = true };
        var ganInitFrom = new Option<string[]>("--gan-init-from") { Description = "Start each fold's CycleGANs from these (train-gan folders, one per target class) and train them on the fold's faces for --gan-epochs: GANs of a larger set adapted to a small one.", AllowMultipleArgumentsPerToken = true };
        var extraConv = new Option<bool>("--extra-conv") { Description = "paper-cnn with a third convolution (3x3, 128) and pool in every arm (train-classifier --extra-conv)." };
        var augmentStrength = new Option<double?>("--augment-strength") { Description = "Strength of the classic augmentation in the classic and gan+classic arms (0.5 = half, 0 = mirror only; default 1)." };
        var precision = new Option<string?>("--precision") { Description = "Every network's convolutions (classifiers, guide, generators) in float32 (default) or bfloat16 (as train-classifier and train-gan --precision)." };
        var initFrom = new Option<string?>("--init-from") { Description = "Start every arm's classifier from this one (a train-classifier folder or checkpoint) instead of random weights: fine-tuning a FER2013 model on a small set. Same network, classes and size." };
        var lr = new Option<double?>("--lr") { Description = "Classifiers' initial learning rate (default: the budget's, 0.001); lower suits --init-from." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Skip unreadable images instead of stopping." };
        var excludeList = new Option<string?>("--exclude-list") { Description = "A text file of images to leave out, one path per line relative to the dataset (SFEW's bad_alignment.txt)." };
        var generator = new Option<string?>("--generator") { Description = "cyclegan (one CycleGAN per source and target, the paper's) or stargan (one StarGAN per fold for every class; docs/stargan.md) [default: cyclegan]." };
        var ganIterations = new Option<int?>("--gan-iterations") { Description = "With --generator stargan: its iterations in all, the last half decaying (default: the budget's)." };
        var armSteps = new Option<string?>("--arm-steps") { Description = "equal: the arms that add generated faces take the baseline's optimiser steps (each epoch draws the real training count), so none wins by training longer; epochs: every arm passes over all its images each epoch [default: equal]." };
        var device = new Option<string>("--device") { Description = "cpu or cuda: where every unit trains and scores (this run's choice, like --threads).", DefaultValueFactory = _ => "cpu" };
        var jobs = new Option<int>("--jobs") { Description = "Do independent units in this many worker processes at once, each with its share of --threads (same numbers as one at a time when each unit has the same threads).", DefaultValueFactory = _ => 1 };
        var executor = new Option<string>("--executor") { Description = "local (this machine, --jobs workers) or slurm (every unit an sbatch job; docs/cluster.md).", DefaultValueFactory = _ => "local" };
        var partition = new Option<string?>("--partition") { Description = "With --executor slurm: sbatch --partition." };
        var time = new Option<string?>("--time") { Description = "With --executor slurm: sbatch --time of each unit's job (e.g. 2:00:00)." };
        var cpusPerTask = new Option<int>("--cpus-per-task") { Description = "With --executor slurm: sbatch --cpus-per-task, and each unit's threads.", DefaultValueFactory = _ => 2 };
        var gres = new Option<string?>("--gres") { Description = "With --executor slurm: sbatch --gres (e.g. gpu:1)." };
        var sbatchOptions = new Option<string?>("--sbatch-options") { Description = "With --executor slurm: a file whose #SBATCH lines go into every job script." };
        var noWait = new Option<bool>("--no-wait") { Description = "With --executor slurm: return once the jobs are submitted; run the same command again to follow them and write the report." };
        var unit = new Option<string?>("--unit") { Description = "Do one unit of the plan recorded in --out (plan.json) and record it: what a worker or a cluster job runs. Only --out and --threads are read." };

        var command = new Command("experiment", "Compare baseline, classic remedies and GAN augmentation on a dataset; write report.md, report.html and results.json.");
        foreach (var o in new Option[] { data, output, config, protocol, arms, seeds, budget, sources, targets, ganAmount, folds, maxFolds, threads, size, skipInvalid, excludeList, network, epochs, dropout, ganEpochs, ganFrom, ganInitFrom, ganGuide, ganGuideAugment, extraConv, augmentStrength, precision, initFrom, lr, generator, ganIterations, armSteps, device, jobs, executor, partition, time, cpusPerTask, gres, sbatchOptions, noWait, unit })
            command.Options.Add(o);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            if (parse.GetValue(unit) is { } unitId)
            {
                var directory = parse.GetValue(output) ?? throw new EmoAugException("--unit: needs --out, the experiment folder");
                Experiment.RunUnit(directory, unitId, parse.GetResult(threads) is { Implicit: false } ? parse.GetValue(threads) : null);
                Console.WriteLine($"unit {unitId}: done");
                return 0;
            }
            var (fromFile, fileGans) = parse.GetValue(config) is { } path ? ReadConfig(path) : (null, null);
            // An option given on the command line wins over the file's value; its default applies only without a file.
            T Given<T>(Option<T> option, Func<ExperimentOptions, T> fileValue) =>
                parse.GetResult(option) is { Implicit: false } || fromFile is null ? parse.GetValue(option)! : fileValue(fromFile);
            // A choice given on the command line wins over the file's; an unknown one names the option and its choices.
            T Choice<T>(Option<string> option, T? fileValue) where T : struct, Enum =>
                parse.GetResult(option) is { Implicit: false } || fileValue is null ? ClosedSet.Parse<T>(parse.GetValue(option)!, option.Name) : fileValue.Value;
            // A switch given on the command line wins either way, so `--extra-conv false` turns off a file's true.
            bool Switch(Option<bool> option, bool? fileValue) =>
                parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : fileValue ?? false;
            // The four options of where the CycleGANs come from make one GanSource, which refuses what cannot go together.
            bool gansGiven = fileGans is not null || new Option[] { ganFrom, ganInitFrom, ganGuide, ganGuideAugment }.Any(o => parse.GetResult(o) is not null);
            var dataValue = parse.GetValue(data) ?? fromFile?.Data;
            var outValue = parse.GetValue(output) ?? fromFile?.OutputDirectory;
            if (string.IsNullOrEmpty(dataValue)) throw new EmoAugException("--data: required (a dataset path, or 'synthetic')");
            if (string.IsNullOrEmpty(outValue)) throw new EmoAugException("--out: required (the experiment folder)");
            var options = new ExperimentOptions(
                Data: dataValue,
                OutputDirectory: outValue,
                Protocol: Choice<ProtocolName>(protocol, fromFile?.Protocol),
                Arms: parse.GetValue(arms) is { Length: > 0 } a ? a : fromFile?.Arms,
                Seeds: parse.GetValue(seeds) ?? fromFile?.Seeds,
                Budget: Choice<BudgetName>(budget, fromFile?.Budget),
                Sources: parse.GetValue(sources) is { Length: > 0 } from ? from : fromFile?.Sources,
                Targets: parse.GetValue(targets) is { Length: > 0 } t ? t : fromFile?.Targets,
                GanAmount: Given(ganAmount, f => f.GanAmount),
                SweepAmounts: fromFile?.SweepAmounts,
                Folds: Given(folds, f => f.Folds),
                Threads: Given(threads, f => f.Threads),
                Size: Given(size, f => f.Size),
                SkipInvalid: Switch(skipInvalid, fromFile?.SkipInvalid),
                MaxFolds: Given(maxFolds, f => f.MaxFolds),
                Network: parse.GetValue(network) is { } named ? ClosedSet.Parse<ClassifierNetwork>(named, "--network") : fromFile?.Network,
                Epochs: parse.GetValue(epochs) ?? fromFile?.Epochs,
                Dropout: parse.GetValue(dropout) ?? fromFile?.Dropout,
                GanEpochs: parse.GetValue(ganEpochs) ?? fromFile?.GanEpochs,
                GanDiffAugment: fromFile?.GanDiffAugment ?? false,
                ExtraConv: Switch(extraConv, fromFile?.ExtraConv),
                AugmentStrength: parse.GetValue(augmentStrength) ?? fromFile?.AugmentStrength,
                GanResidual: fromFile?.GanResidual ?? false,
                Precision: parse.GetValue(precision) ?? fromFile?.Precision,
                InitFrom: parse.GetValue(initFrom) ?? fromFile?.InitFrom,
                LearningRate: parse.GetValue(lr) ?? fromFile?.LearningRate,
                Gans: gansGiven
                    ? GanSource.Of(parse.GetValue(ganFrom) is { Length: > 0 } g ? g : fileGans?.From,
                        parse.GetValue(ganInitFrom) is { Length: > 0 } gi ? gi : fileGans?.InitFrom,
                        Switch(ganGuide, fileGans?.Guide), Switch(ganGuideAugment, fileGans?.GuideAugment))
                    : fromFile?.Gans,
                ExcludeList: parse.GetValue(excludeList) ?? fromFile?.ExcludeList,
                Generator: parse.GetValue(generator) is { } family ? ClosedSet.Parse<GeneratorFamily>(family, "--generator") : fromFile?.Generator,
                GanIterations: parse.GetValue(ganIterations) ?? fromFile?.GanIterations,
                ArmSteps: parse.GetValue(armSteps) ?? fromFile?.ArmSteps,
                Device: parse.GetResult(device) is { Implicit: false } || fromFile is null ? ComputeDevice.Parse(parse.GetValue(device)!) : fromFile.Device);
            int jobCount = parse.GetValue(jobs);
            if (jobCount < 1) throw new EmoAugException($"--jobs {jobCount}: must be at least 1");
            var where = parse.GetValue(executor)!.ToLowerInvariant();
            if (where is not ("local" or "slurm")) throw new EmoAugException($"--executor {where}: choose local or slurm");
            Func<ExperimentPlan, UnitLedger, Action<int, string>, bool>? run = null;
            if (where == "slurm")
            {
                var slurm = new SlurmOptions(parse.GetValue(partition), parse.GetValue(time), parse.GetValue(cpusPerTask), parse.GetValue(gres),
                    parse.GetValue(sbatchOptions), Wait: !parse.GetValue(noWait));
                if (slurm.CpusPerTask < 1) throw new EmoAugException($"--cpus-per-task {slurm.CpusPerTask}: must be at least 1");
                if (slurm.SbatchOptionsFile is { } file && !File.Exists(file)) throw new EmoAugException($"--sbatch-options {file}: no such file");
                run = (plan, ledger, report) => new SlurmExecutor(plan, ledger, slurm,
                    (u, threads) => [.. WorkerCommand(Path.GetFullPath(options.OutputDirectory), u.Id, threads)]).Run(report);
            }
            else if (jobCount > 1)
                run = (plan, ledger, report) =>
                {
                    new WorkerPool(plan, ledger, jobCount, u => Worker(options.OutputDirectory, u.Id, WorkerThreads(options.Threads, jobCount))).Run(report);
                    return true;
                };
            return ExperimentConsole.Run(options, "emoaug " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)), run);
        }));
        return command;
    }

    /// <summary>Each of <paramref name="jobs"/> workers' share of the threads (0 = every core).</summary>
    static int WorkerThreads(int threads, int jobs) => Math.Max(1, (threads > 0 ? threads : Environment.ProcessorCount) / jobs);

    /// <summary>This program again, doing one unit: the emoaug executable itself, or `dotnet EmoAug.Cli.dll` where it
    /// runs inside another host (dotnet, a test host).</summary>
    static ProcessStartInfo Worker(string directory, string unitId, int threads)
    {
        var command = WorkerCommand(directory, unitId, threads);
        var info = new ProcessStartInfo(command[0]);
        foreach (var argument in command.Skip(1)) info.ArgumentList.Add(argument);
        return info;
    }

    /// <summary>The command line that does one unit: the program and its arguments.</summary>
    static List<string> WorkerCommand(string directory, string unitId, int threads)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var cli = typeof(ExperimentCommand).Assembly.Location;
        bool isCli = Path.GetFileNameWithoutExtension(self).Equals(Path.GetFileNameWithoutExtension(cli), StringComparison.OrdinalIgnoreCase)
            || Path.GetFileNameWithoutExtension(self).Equals("emoaug", StringComparison.OrdinalIgnoreCase);
        var command = new List<string> { isCli ? self : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet" };
        if (!isCli) command.Add(cli);
        command.AddRange(["experiment", "--out", directory, "--unit", unitId, "--threads", threads.ToString(CultureInfo.InvariantCulture)]);
        return command;
    }

    /// <summary>A config file's gan_from, gan_init_from, gan_guide and gan_guide_augment: written as the four options
    /// are, they make one <see cref="GanSource"/> with the command line's.</summary>
    sealed record GanKeys(string[]? From, string[]? InitFrom, bool? Guide, bool? GuideAugment);

    static readonly string[] GanKeyNames = ["gan_from", "gan_init_from", "gan_guide", "gan_guide_augment"];

    static (ExperimentOptions, GanKeys?) ReadConfig(string path)
    {
        if (!File.Exists(path)) throw new EmoAugException($"--config {path}: no such file");
        // A key the options do not have would otherwise be ignored without a word (a typo keeps the default).
        var strict = new JsonSerializerOptions(ExperimentJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        try
        {
            var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path)) as System.Text.Json.Nodes.JsonObject
                ?? throw new EmoAugException($"--config {path}: not a JSON object");
            // Keys are the options' long names; where an option's name is not its field's, the field's name is read too.
            foreach (var (optionKey, field) in OptionKeys)
                if (document.Remove(optionKey, out var value))
                {
                    if (document.ContainsKey(field))
                        throw new EmoAugException($"--config {path}: '{optionKey}' and '{field}' are one setting: give one");
                    document[field] = value;
                }
            GanKeys? gans = null;
            if (GanKeyNames.Any(document.ContainsKey))
            {
                var part = new System.Text.Json.Nodes.JsonObject();
                foreach (var key in GanKeyNames.Where(document.ContainsKey))
                {
                    part[key.Replace("gan_", "")] = document[key]?.DeepClone();
                    document.Remove(key);
                }
                gans = part.Deserialize<GanKeys>(ExperimentJson.Options);
            }
            return (document.Deserialize<ExperimentOptions>(strict) ?? throw new EmoAugException($"--config {path}: empty"), gans);
        }
        catch (JsonException ex) when (UnknownKey(ex.Message) is { } key && RenamedKeys.TryGetValue(key, out var renamed))
        {
            throw new EmoAugException($"--config {path}: key '{key}' is now '{renamed}' (as the option --{renamed.Replace('_', '-')})");
        }
        catch (JsonException ex) when (UnknownKey(ex.Message) is { } key)
        {
            var known = typeof(ExperimentOptions).GetProperties().Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name))
                .Concat(GanKeyNames).Concat(OptionKeys.Keys).ToList();
            var closest = EditDistance.Closest(key, known);
            throw new EmoAugException($"--config {path}: unknown key '{key}' (did you mean '{closest}'?)");
        }
        catch (JsonException ex)
        {
            throw new EmoAugException($"--config {path}: not a valid experiment file ({ex.Message.Split('\n')[0]})");
        }
    }

    /// <summary>Keys renamed with their options, so a file written before says what to write instead.</summary>
    static readonly Dictionary<string, string> RenamedKeys = new() { ["model"] = "network" };

    /// <summary>Config keys spelt as their option (--out, --source, --lr) whose field has another name.</summary>
    static readonly Dictionary<string, string> OptionKeys = new() { ["out"] = "output_directory", ["source"] = "sources", ["lr"] = "learning_rate" };

    /// <summary>The key System.Text.Json names in its "could not be mapped" message, or null.</summary>
    static string? UnknownKey(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "The JSON property '([^']+)' could not be mapped");
        return match.Success ? match.Groups[1].Value : null;
    }
}
