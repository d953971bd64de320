using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Knowledge;

namespace Parley.Server.Tests.Security;

/// <summary>
/// Every route of the OpenAPI document, called by every kind of caller with real ids of one teamspace, must answer as
/// the README's rules say (issue 12): no key, a wrong key or a revoked key 401; a non-admin key 403 on admin routes;
/// another teamspace's key 404 for this teamspace's ids (so they do not leak) and 403 on admin routes; the teamspace's
/// own admin is let through everywhere (the control that the ids are real). Admin routes are also called aimed at the
/// teamspace by name (<c>teamspace_id</c> in the query or body), which only its own admin may do. A route added later is in the document, so
/// it is checked too: one reachable without a key fails here unless it is named in <see cref="Public"/>, and a path
/// parameter the matrix cannot fill fails it until <see cref="KindOf"/> learns it.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class AuthorizationMatrixTests(ServerFixture server)
{
    /// <summary>The only routes of the document that need no key.</summary>
    private static readonly HashSet<string> Public = ["GET /healthz", "GET /readyz", "GET /livez"];

    /// <summary>Routes for admin keys only (README: "/v1/keys: admin keys only").</summary>
    private static readonly string[] AdminOnly = ["/v1/keys"];

    private enum Role
    {
        Anonymous,
        ForeignUser,
        Member,
        ForeignAdmin,
        Owner,
    }

    [Fact]
    public async Task Every_route_answers_every_kind_of_caller_as_the_rules_say()
    {
        var owner = await TeamspaceWorld.CreateAsync(server, "matrix-owner");
        var other = await TeamspaceWorld.CreateAsync(server, "matrix-other");
        var documented = await ReadRoutesAsync();
        Assert.True(documented.Count >= 25, $"The OpenAPI document lists only {documented.Count} operations: {string.Join(", ", documented)}");
        var routes = documented.Concat(documented.Where(IsAdminOnly).Select(r => r with { NamesTeamspace = true })).ToList();

        (string Name, string? Key, Role Role)[] callers =
        [
            ("no key", null, Role.Anonymous),
            ("a wrong key", "pk_" + new string('0', 48), Role.Anonymous),
            ("a revoked key", owner.Revoked.Raw, Role.Anonymous),
            ("another teamspace's key", other.User.Raw, Role.ForeignUser),
            ("an admin of another teamspace", other.Admin.Raw, Role.ForeignAdmin),
            ("a non-admin key", owner.User.Raw, Role.Member),
            ("the teamspace's admin", owner.Admin.Raw, Role.Owner),
        ];

        var failures = new List<string>();
        var calls = 0;
        foreach (var (name, key, role) in callers)
        {
            using var http = Client(key);
            // Deletions last, so the teamspace's own callers delete only after everything else was called.
            foreach (var route in routes.OrderBy(r => r.Method == "DELETE"))
            {
                var legit = role is Role.Member or Role.Owner;
                var (path, owned) = await FillAsync(route, owner, fresh: legit && route.Method == "DELETE", failures);
                if (path is null)
                {
                    continue;
                }

                var named = route.NamesTeamspace && route.Method != "POST" ? $"?teamspace_id={owner.Teamspace}" : string.Empty;
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), path + named);
                if (route.Method is "POST" or "PATCH" or "PUT")
                {
                    var body = route.NamesTeamspace ? $$"""{"teamspace_id": "{{owner.Teamspace}}"}""" : "{}";
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request);
                calls++;
                var status = (int)response.StatusCode;
                var answer = await response.Content.ReadAsStringAsync();
                var expected = Expect(route, role, owned);
                if (expected is { } exact ? status != exact : status is 401 or 403 or 404 or >= 500)
                {
                    failures.Add($"{route} as {name}: {status}, expected {(expected?.ToString() ?? "not 401/403/404/5xx")}: {Shorten(answer)}");
                }

                // A 404 names the id it was asked for; any other of the owner's ids in an answer to an outsider is a leak.
                if (role is Role.ForeignUser or Role.ForeignAdmin
                    && owner.ResourceIds.FirstOrDefault(id => answer.Contains(id, StringComparison.Ordinal) && !path.Contains(id, StringComparison.Ordinal)) is { } leaked)
                {
                    failures.Add($"{route} as {name}: the answer holds the other teamspace's id {leaked}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls broke the rules:\n{string.Join('\n', failures)}");
        Assert.Equal(routes.Count * callers.Length, calls);
        Assert.Contains(routes, r => r.NamesTeamspace);
    }

    private static int? Expect(Route route, Role role, bool owned)
    {
        if (Public.Contains(route.ToString()))
        {
            return 200;
        }

        var adminOnly = IsAdminOnly(route);
        return role switch
        {
            Role.Anonymous => 401,
            Role.ForeignUser when adminOnly => 403,
            Role.ForeignAdmin when route.NamesTeamspace => 403,
            Role.ForeignUser or Role.ForeignAdmin when owned => 404,
            Role.Member when adminOnly => 403,
            _ => null,
        };
    }

    private static bool IsAdminOnly(Route route) => AdminOnly.Any(prefix => route.Path.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The path with its parameters filled with the owner's ids (or fresh ones, for a deletion by its own callers); null when a parameter is unknown.</summary>
    private async Task<(string? Path, bool Owned)> FillAsync(Route route, TeamspaceWorld owner, bool fresh, List<string> failures)
    {
        var segments = route.Path.Split('/');
        var owned = false;
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{'))
            {
                continue;
            }

            var kind = KindOf(segments[i - 1]);
            if (kind is null)
            {
                failures.Add($"{route}: the matrix does not know how to fill {segments[i]} (after '{segments[i - 1]}'); teach KindOf.");
                return (null, false);
            }

            owned |= kind != "tool";
            segments[i] = fresh && i == segments.Length - 1 ? await FreshAsync(kind, owner) : kind switch
            {
                "agent" => owner.AgentId,
                "conversation" => owner.ConversationId,
                "message" => owner.MessageId,
                "knowledge" => owner.KnowledgeId,
                "secret" => owner.SecretId,
                "phone-number" => owner.PhoneNumberId,
                "call" => owner.CallId,
                "task" => owner.TaskId,
                "file" => owner.FileId,
                "webhook" => owner.WebhookId,
                "key" => owner.User.Id,
                _ => "calculator",
            };
        }

        return (string.Join('/', segments), owned);
    }

    /// <summary>What a path parameter after this collection names; tools are the server's catalog, owned by no teamspace.</summary>
    private static string? KindOf(string collection) => collection switch
    {
        "agents" => "agent",
        "conversations" => "conversation",
        "messages" => "message",
        "knowledge" => "knowledge",
        "secrets" => "secret",
        "phone-numbers" => "phone-number",
        "calls" => "call",
        "tasks" => "task",
        "files" => "file",
        "webhooks" => "webhook",
        "keys" => "key",
        "tools" => "tool",
        _ => null,
    };

    private async Task<string> FreshAsync(string kind, TeamspaceWorld owner)
    {
        using var api = server.Api(owner.Admin.Raw);
        switch (kind)
        {
            case "knowledge":
                using (var knowledge = new KnowledgeClient(server, owner.Admin.Raw))
                {
                    return (await knowledge.CreateAsync("fresh", KnowledgeClient.File("fresh.txt", "Fresh text."))).AssertStatus(HttpStatusCode.Created).Id;
                }

            case "key":
                return (await KeyHandle.CreateAsync(server, owner.Teamspace, admin: false)).Id;
            case "file":
                using (var files = new FilesClient(server, owner.Admin.Raw))
                {
                    return (await files.UploadTextAsync("fresh.txt", "Fresh file.")).AssertStatus(HttpStatusCode.Created).Id;
                }

            default:
                var (path, body) = kind switch
                {
                    "agent" => ("/v1/agents", "{}"),
                    "conversation" => ("/v1/conversations", "{}"),
                    "secret" => ("/v1/secrets", $$"""{"name": "FRESH_{{Guid.NewGuid():N}}", "value": "v"}"""),
                    "phone-number" => ("/v1/phone-numbers", TeamspaceWorld.PhoneNumberBody("OWNED")),
                    "webhook" => ("/v1/webhooks", TeamspaceWorld.WebhookBody),
                    _ => throw new InvalidOperationException($"No way to make a fresh {kind}."),
                };
                return (await api.PostAsync(path, body)).AssertStatus(HttpStatusCode.Created).Id;
        }
    }

    private async Task<List<Route>> ReadRoutesAsync()
    {
        using var http = Client(null);
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        return [.. document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => operation.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(operation => new Route(operation.Name.ToUpperInvariant(), path.Name)))];
    }

    private HttpClient Client(string? key)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    /// <summary>An operation of the document; <paramref name="NamesTeamspace"/> when called with the owner's <c>teamspace_id</c>.</summary>
    private sealed record Route(string Method, string Path, bool NamesTeamspace = false)
    {
        public override string ToString() => $"{Method} {Path}{(NamesTeamspace ? " naming the teamspace" : string.Empty)}";
    }
}
