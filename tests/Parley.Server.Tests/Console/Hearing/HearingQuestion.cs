using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>A question of the hearing set, and what a reply of the embedded agent that answers it says.</summary>
/// <param name="Text">The words, as Flite speaks them and a perfect recogniser would write them.</param>
/// <param name="Answer">A pattern the agent's reply matches when it answered this question (not another, not "didn't catch that").</param>
public sealed record HearingQuestion(string Text, [StringSyntax(StringSyntaxAttribute.Regex)] string Answer)
{
    public bool IsAnsweredBy(string reply) => Regex.IsMatch(reply, Answer, RegexOptions.CultureInvariant);
}
