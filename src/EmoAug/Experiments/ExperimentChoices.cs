using System.Text.Json.Serialization;

namespace EmoAug.Experiments;

// The closed choices of ExperimentOptions, written by their names ("auto", "subject-kfold", "quick"; EmoAug.ClosedSet).

/// <summary>How the data are cut into folds (<see cref="ExperimentProtocol"/>); <see cref="Auto"/> picks the dataset's own.</summary>
[JsonConverter(typeof(ClosedSetJson<ProtocolName>))]
public enum ProtocolName { Auto, Official, Loso, SubjectKfold, Kfold, Split }

/// <summary>The named budgets of <see cref="ExperimentBudget.Named"/>.</summary>
[JsonConverter(typeof(ClosedSetJson<BudgetName>))]
public enum BudgetName { Quick, Standard, Paper }
