using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Storage.Agents;
using Parley.Storage.Secrets;

namespace Parley.Tools.Webhooks;

/// <summary>Builds the HTTP request of one webhook call: URL placeholders filled, the other arguments in the query (GET, DELETE) or a JSON body, headers with their secrets.</summary>
internal static class WebhookRequestFactory
{
    private static readonly ProductInfoHeaderValue UserAgent = new("Parley", "1.0");

    /// <exception cref="ArgumentException">An argument the URL needs is missing or unusable.</exception>
    /// <exception cref="WebhookException">A header's secret is missing or cannot go in a header.</exception>
    public static HttpRequestMessage Create(AgentWebhook webhook, IReadOnlyList<KeyValuePair<string, JsonNode?>> arguments, IReadOnlyDictionary<string, string> secrets)
    {
        var placeholders = WebhookUrlTemplate.Placeholders(webhook.Url).ToHashSet(StringComparer.Ordinal);
        var inUrl = arguments
            .Where(a => placeholders.Contains(a.Key) && a.Value is not null)
            .ToDictionary(a => a.Key, a => WebhookArguments.Text(a.Value!), StringComparer.Ordinal);
        var rest = arguments.Where(a => !placeholders.Contains(a.Key)).ToList();
        var uri = WebhookUrlTemplate.Fill(webhook.Url, inUrl);

        var request = new HttpRequestMessage(new HttpMethod(webhook.Method), WebhookRules.SendsBody(webhook.Method) ? uri : WithQuery(uri, rest))
        {
            // HTTP/3 would run over QUIC, which does not go through the guard's connect callback; never upgrade past 1.1.
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        try
        {
            if (WebhookRules.SendsBody(webhook.Method))
            {
                var body = new JsonObject();
                foreach (var (name, value) in rest)
                {
                    body[name] = value;
                }

                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            request.Headers.UserAgent.Add(UserAgent);
            foreach (var (name, template) in webhook.Headers)
            {
                AddHeader(request, webhook.Name, name, Fill(webhook.Name, name, template, secrets));
            }

            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    private static Uri WithQuery(Uri uri, List<KeyValuePair<string, JsonNode?>> arguments)
    {
        var pairs = new List<string>();
        foreach (var (name, value) in arguments)
        {
            // A list becomes the key repeated (?tag=a&tag=b), which is what most servers read as an array.
            var items = value is JsonArray array ? array.Where(i => i is not null).Select(i => i!) : value is null ? [] : [value];
            pairs.AddRange(items.Select(item => $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(WebhookArguments.Text(item))}"));
        }

        if (pairs.Count == 0)
        {
            return uri;
        }

        var builder = new UriBuilder(uri);
        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? string.Join('&', pairs) : $"{existing}&{string.Join('&', pairs)}";
        return builder.Uri;
    }

    private static string Fill(string webhook, string header, string template, IReadOnlyDictionary<string, string> secrets)
    {
        string value;
        try
        {
            value = SecretReferences.Fill(template, secrets);
        }
        catch (KeyNotFoundException ex)
        {
            throw new WebhookException($"Webhook '{webhook}' cannot set its '{header}' header: {ex.Message}", ex);
        }

        // Checked again once filled: a secret with a line break would otherwise split the header.
        return WebhookRules.IsValidHeaderValue(value)
            ? value
            : throw new WebhookException($"Webhook '{webhook}' cannot set its '{header}' header: a secret it refers to holds a line break.");
    }

    private static void AddHeader(HttpRequestMessage request, string webhook, string name, string value)
    {
        if (name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.UserAgent.Clear();
        }

        if (request.Headers.TryAddWithoutValidation(name, value))
        {
            return;
        }

        // Content headers (Content-Type, ...) belong to the body; without a body there is nothing for them to describe.
        if (request.Content is { } content)
        {
            content.Headers.Remove(name);
            if (!content.Headers.TryAddWithoutValidation(name, value))
            {
                throw new WebhookException($"Webhook '{webhook}' cannot set the header '{name}'.");
            }
        }
    }
}
