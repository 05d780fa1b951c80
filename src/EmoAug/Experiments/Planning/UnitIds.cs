namespace EmoAug.Experiments.Planning;

/// <summary>
/// Every unit's id and folder, made here and nowhere else. Ids are keys of the ledger (units.json), so they keep the
/// forms experiments recorded before: the legacy rules are the comments below, and a change here would make old runs
/// train their units again.
/// </summary>
public static class UnitIds
{
    public static string FoldDirectory(string experimentDirectory, string fold) =>
        Path.Combine(experimentDirectory, "units", Safe(fold));

    public static string Guide(string fold) => $"{fold}/guide";

    public static string Gan(string fold, string source, string target) => $"{fold}/gan/{source}2{target}";

    public static string StarGan(string fold) => $"{fold}/stargan";

    public static string StarGanDirectory(string foldDirectory) => Path.Combine(foldDirectory, "stargan");

    public static string GanTrain(string fold) => $"{fold}/gan-train";

    public static string GanTrainDirectory(string foldDirectory) => Path.Combine(foldDirectory, "gan-train");

    public static string GanDirectory(string foldDirectory, string source, string target) =>
        Path.Combine(foldDirectory, $"gan-{source}2{target}");

    /// <summary>A generation's name in ids and folders: the target alone with one source (legacy: experiments made
    /// before several sources were possible), else "source2target".</summary>
    public static string GenerationName(int sourceCount, string source, string target) =>
        sourceCount == 1 ? target : $"{source}2{target}";

    public static string Generation(string fold, string generationName) => $"{fold}/generate/{generationName}";

    public static string GenerationDirectory(string foldDirectory, string generationName) =>
        Path.Combine(foldDirectory, "generated-" + generationName);

    public static string Classifier(string fold, int seed, ArmSettings arm) => $"{fold}/classifier/seed{seed}/{arm.Key}";

    public static string ClassifierDirectory(string foldDirectory, int seed, ArmSettings arm) =>
        Path.Combine(foldDirectory, $"classifier-seed{seed}-{arm.Key}");

    /// <summary>The judge trained from random weights; the baseline-settings judge keeps the id it had before there
    /// was a choice of judge settings (legacy).</summary>
    public static string ScratchJudge(string fold, ArmSettings judge) =>
        $"{fold}/judge-from-scratch{(judge == ArmSettings.Baseline ? "" : "-" + judge.Key)}";

    /// <summary>GAN quality; the baseline judge's units keep the name they had before there was a choice of judge
    /// (legacy), and a scratch judge's add "/from-scratch".</summary>
    public static string Quality(string fold, string generationName, ArmSettings judge, bool scratchJudge) =>
        $"{fold}/quality/{generationName}" + (judge == ArmSettings.Baseline ? "" : "/judge-" + judge.Key)
        + (scratchJudge ? "/from-scratch" : "");

    /// <summary>A name safe as one folder: letters, digits, '-' and '_' kept, anything else '_'.</summary>
    public static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
