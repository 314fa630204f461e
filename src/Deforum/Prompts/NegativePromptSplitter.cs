namespace Deforum.Prompts;

/// <summary>The web-UI extension's "positive --neg negative" form: text after the first --neg word is the negative prompt.</summary>
public static class NegativePromptSplitter
{
    const string Marker = "--neg";

    public static (string Positive, string Negative) Split(string prompt)
    {
        for (int at = prompt.IndexOf(Marker, StringComparison.Ordinal); at >= 0; at = prompt.IndexOf(Marker, at + 1, StringComparison.Ordinal))
        {
            bool startsWord = at == 0 || char.IsWhiteSpace(prompt[at - 1]);
            int end = at + Marker.Length;
            bool endsWord = end == prompt.Length || char.IsWhiteSpace(prompt[end]);
            if (startsWord && endsWord) return (prompt[..at].TrimEnd(), prompt[end..].Trim());
        }
        return (prompt, "");
    }
}
