using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Parley.Knowledge.Extraction.Pdf;

/// <summary>PdfPig's filters, each charging what it decodes to one document's <see cref="DecompressionBudget"/>.</summary>
internal sealed class BudgetedFilterProvider(DecompressionBudget budget) : IFilterProvider
{
    private static readonly IFilterProvider Inner = DefaultFilterProvider.Instance;

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(Inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(Inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(Inner.GetAllFilters());

    private IFilter[] Wrap(IReadOnlyList<IFilter> filters) => [.. filters.Select(f => new BudgetedFilter(f, budget))];
}
