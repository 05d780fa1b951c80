namespace EmoAug.Data.Synthetic;

/// <summary>
/// The movable parts of a synthetic face, as offsets from the subject's resting face (all 0 = neutral).
/// Raises are in face units (positive = up); EyeOpen and MouthWidth are relative changes (+0.6 = 60% wider);
/// the rest are strengths from 0 to about 1.
/// </summary>
internal readonly record struct FaceExpression(
    double BrowRaise = 0, double BrowInnerRaise = 0, double BrowFurrow = 0,
    double EyeOpen = 0, double CheekRaise = 0,
    double MouthCurve = 0, double MouthOpenUpper = 0, double MouthOpenLower = 0, double MouthWidth = 0,
    double Roundness = 0, double LipPress = 0, double Teeth = 0, double UpperLipRaise = 0,
    double NoseWrinkle = 0, double Nasolabial = 0)
{
    /// <summary>This expression plus <paramref name="weight"/> times <paramref name="other"/>.</summary>
    public FaceExpression Plus(FaceExpression other, double weight) => new(
        BrowRaise + weight * other.BrowRaise, BrowInnerRaise + weight * other.BrowInnerRaise,
        BrowFurrow + weight * other.BrowFurrow, EyeOpen + weight * other.EyeOpen,
        CheekRaise + weight * other.CheekRaise, MouthCurve + weight * other.MouthCurve,
        MouthOpenUpper + weight * other.MouthOpenUpper, MouthOpenLower + weight * other.MouthOpenLower,
        MouthWidth + weight * other.MouthWidth, Roundness + weight * other.Roundness,
        LipPress + weight * other.LipPress, Teeth + weight * other.Teeth, UpperLipRaise + weight * other.UpperLipRaise,
        NoseWrinkle + weight * other.NoseWrinkle, Nasolabial + weight * other.Nasolabial);

    /// <summary>
    /// The full-strength expression of a class (FER2013 code order), with the per-image variety a class allows:
    /// smiles with or without teeth, angry with pressed lips or bared clenched teeth.
    /// </summary>
    public static FaceExpression Prototype(int label, Random r) => label switch
    {
        // Angry: brows pulled down and together (a V with a furrow between them), narrowed eyes, lips pressed thin,
        // or (one in four) bared clenched teeth, which looks a little like disgust.
        EmotionVocabulary.Angry => r.NextDouble() < 0.25
            ? new(BrowRaise: -0.09, BrowInnerRaise: -0.09, BrowFurrow: 1, EyeOpen: -0.4, MouthCurve: -0.03,
                MouthOpenUpper: 0.035, MouthOpenLower: 0.035, MouthWidth: 0.05, Teeth: 1, Nasolabial: 0.4)
            : new(BrowRaise: -0.09, BrowInnerRaise: -0.09, BrowFurrow: 1, EyeOpen: -0.4, MouthCurve: -0.04,
                MouthWidth: -0.15, LipPress: 1),
        // Disgust: wrinkled nose, upper lip raised (upper teeth show, one side higher: a sneer), deep folds from
        // nose to mouth, brows lowered (less of a V than anger), eyes narrowed.
        EmotionVocabulary.Disgust => new(BrowRaise: -0.07, BrowInnerRaise: -0.03, BrowFurrow: 0.3, EyeOpen: -0.45,
            MouthCurve: -0.05, MouthOpenUpper: 0.02, UpperLipRaise: 1, Teeth: 1, NoseWrinkle: 1, Nasolabial: 1),
        // Fear: brows raised and drawn together (inner ends highest), eyes wide, lips stretched sideways and parted.
        EmotionVocabulary.Fear => new(BrowRaise: 0.07, BrowInnerRaise: 0.07, BrowFurrow: 0.3, EyeOpen: 0.6,
            MouthCurve: -0.04, MouthOpenUpper: 0.02, MouthOpenLower: 0.06, MouthWidth: 0.18, Teeth: 0.6),
        // Happy: smile (corners up, wider), cheeks raised (eyes narrowed from below), folds beside the mouth;
        // half of the smiles show teeth.
        EmotionVocabulary.Happy => r.NextDouble() < 0.5
            ? new(EyeOpen: -0.2, CheekRaise: 1, MouthCurve: 0.17, MouthOpenLower: 0.11, MouthWidth: 0.2, Teeth: 1,
                Nasolabial: 0.6)
            : new(EyeOpen: -0.15, CheekRaise: 0.8, MouthCurve: 0.16, MouthWidth: 0.15, Nasolabial: 0.5),
        // Sad: inner ends of the brows raised, corners of the mouth down, eyes a little closed.
        EmotionVocabulary.Sad => new(BrowRaise: -0.01, BrowInnerRaise: 0.1, EyeOpen: -0.2, MouthCurve: -0.13,
            MouthWidth: -0.05),
        // Surprise: brows raised high and evenly, eyes wide, jaw dropped: a round open mouth.
        EmotionVocabulary.Surprise => new(BrowRaise: 0.13, EyeOpen: 0.7, MouthOpenUpper: 0.09, MouthOpenLower: 0.15,
            MouthWidth: -0.35, Roundness: 1),
        _ => new(),
    };

    /// <summary>
    /// The class whose features sometimes leak into <paramref name="label"/>'s faces (the pairs people confuse), or
    /// -1. Mixing some of the neighbour in keeps the task from being trivially separable.
    /// </summary>
    public static int Neighbour(int label) => label switch
    {
        EmotionVocabulary.Fear => EmotionVocabulary.Surprise,
        EmotionVocabulary.Surprise => EmotionVocabulary.Fear,
        EmotionVocabulary.Angry => EmotionVocabulary.Disgust,
        EmotionVocabulary.Disgust => EmotionVocabulary.Angry,
        EmotionVocabulary.Sad => EmotionVocabulary.Neutral,
        EmotionVocabulary.Neutral => EmotionVocabulary.Sad,
        _ => -1,
    };

    /// <summary>
    /// One image's expression: the class prototype at a random intensity (0.35 to 1, mostly strong), and in one image
    /// of five a little of the neighbouring class mixed in.
    /// </summary>
    public static FaceExpression ForImage(int label, Random r)
    {
        double intensity = 0.35 + 0.65 * Math.Sqrt(r.NextDouble());
        var expression = new FaceExpression().Plus(Prototype(label, r), intensity);
        int neighbour = Neighbour(label);
        if (neighbour >= 0 && r.NextDouble() < 0.2)
            expression = expression.Plus(Prototype(neighbour, r), 0.2 + 0.35 * r.NextDouble());
        return expression;
    }
}
