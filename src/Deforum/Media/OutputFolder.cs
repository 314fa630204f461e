namespace Deforum.Media;

/// <summary>Creates output folders and turns the failure into one message that names the folder and the fix.</summary>
internal static class OutputFolder
{
    /// <param name="target">The file or folder the caller is about to write, named in the error.</param>
    public static void Create(string folder, string target)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw NotWritable(folder, target, e);
        }
    }

    public static IOException NotWritable(string folder, string target, Exception cause) => new(
        $"cannot write '{target}': the output folder '{folder}' cannot be created or written ({cause.Message}). " +
        "Choose a writable output folder or fix its permissions.", cause);
}
