using Parley.Client.Paging;

namespace Parley.Client.Conversations;

/// <summary>A page of conversations, newest first unless <see cref="Ascending"/>.</summary>
public sealed record ConversationListOptions : ListOptions
{
    public ConversationSort? Sort { get; init; }

    /// <summary>Oldest first.</summary>
    public bool? Ascending { get; init; }

    internal override IEnumerable<KeyValuePair<string, string?>> ToQuery()
        => base.ToQuery()
            .Append(new("sort", Sort switch { ConversationSort.CreatedAt => "created_at", ConversationSort.UpdatedAt => "updated_at", _ => null }))
            .Append(new("direction", Ascending switch { true => "asc", false => "desc", null => null }));
}
