namespace EmoAug;

/// <summary>
/// A problem the user can fix (bad input, wrong option, missing file). The command line prints its message as one
/// line and exits non-zero; the message must name the file, line or option at fault.
/// </summary>
public class EmoAugException(string message, Exception? inner = null) : Exception(message, inner);
