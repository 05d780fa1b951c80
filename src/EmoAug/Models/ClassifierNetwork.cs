using System.Text.Json.Serialization;

namespace EmoAug.Models;

/// <summary>The classifier networks: the paper's (<see cref="Models.PaperCnn"/>) and the stronger <see cref="VggNet"/>;
/// written as "paper-cnn" and "vgg".</summary>
[JsonConverter(typeof(ClosedSetJson<ClassifierNetwork>))]
public enum ClassifierNetwork { PaperCnn, Vgg }
