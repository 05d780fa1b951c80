using System.Text.Json.Serialization;

namespace EmoAug.Training;

// The closed choices of ClassifierOptions, written by their names ("adam", "cosine", "macro-f1"; EmoAug.ClosedSet).

/// <summary>Adam, or SGD with momentum 0.9 (Nesterov off).</summary>
[JsonConverter(typeof(ClosedSetJson<ClassifierOptimizer>))]
public enum ClassifierOptimizer { Adam, Sgd }

/// <summary>How the learning rate moves over the epochs (<see cref="ClassifierOptions.LearningRateAt"/>).</summary>
[JsonConverter(typeof(ClosedSetJson<LearningRateSchedule>))]
public enum LearningRateSchedule { Cosine, Step, Constant }

/// <summary>The validation score that picks the best epoch.</summary>
[JsonConverter(typeof(ClosedSetJson<SelectionScore>))]
public enum SelectionScore { MacroF1, Accuracy }
