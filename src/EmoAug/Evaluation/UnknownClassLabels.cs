namespace EmoAug.Evaluation;

/// <summary>
/// How a classifier labelled the faces of a class it does not know (CK+'s contempt for a FER2013 model): they
/// cannot count as right or wrong, so they stay out of the scores and are reported apart.
/// </summary>
/// <param name="ClassName">The dataset's class the model lacks.</param>
/// <param name="Count">Its faces.</param>
/// <param name="LabelledAs">How many of them the model labelled as each of its own classes, in its class order.</param>
public sealed record UnknownClassLabels(string ClassName, int Count, IReadOnlyDictionary<string, int> LabelledAs);
