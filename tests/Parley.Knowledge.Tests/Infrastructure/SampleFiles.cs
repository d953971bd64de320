using static Parley.Knowledge.Tests.Infrastructure.KnowledgeTestbed;

using Parley.Testing.Documents;

namespace Parley.Knowledge.Tests.Infrastructure;

/// <summary>A small shop's documents, one of each supported type, each about something the others never mention.</summary>
public static class SampleFiles
{
    public static KnowledgeUpload Returns() => Upload(
        "returns.txt",
        "Customers may return unopened items within 30 days for a full refund.\nRefunds are paid back to the original card.");

    public static KnowledgeUpload Hours() => Upload(
        "hours.md",
        "# Opening hours\n\nThe shop **opens** at nine in the morning and closes at six in the evening, [every day](https://example.com).");

    public static byte[] Pdf() => TestPdf.Create(
        ["Warranty: the espresso machine is covered for two years."],
        ["Descaling: run the descaling program every three months."]);

    public static KnowledgeUpload Manual() => Upload("manual.pdf", Pdf());

    public static IEnumerable<KnowledgeUpload> All() => [Returns(), Hours(), Manual()];
}
