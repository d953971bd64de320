using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>Simultaneous PATCHes of different fields of one resource all land (issue 12, item 7: 40 answered 200 and lost 4-5 of 8 fields).</summary>
[Collection(ServerCollection.Name)]
public sealed class ConcurrentPatchTests(ServerFixture server)
{
    private static readonly string[] TextFields = ["description", "emoji", "system_prompt", "custom_prompt", "planning_prompt", "llm_model", "agent_model"];

    [Fact]
    public async Task Forty_simultaneous_patches_of_eight_fields_of_one_agent_all_land()
    {
        using var api = server.Api(await server.CreateKeyAsync($"patch-{Guid.NewGuid():N}"));
        var id = (await api.PostAsync("/v1/agents", """{"name": "target"}""")).AssertStatus(HttpStatusCode.Created).Id;
        var sent = new Dictionary<string, List<string>>();
        var bodies = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            foreach (var field in TextFields)
            {
                var value = $"{field} {round}";
                sent.TryAdd(field, []);
                sent[field].Add(JsonSerializer.Serialize(value));
                bodies.Add($$"""{"{{field}}": "{{value}}"}""");
            }

            var temperature = (0.1 * (round + 1)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            sent.TryAdd("temperature", []);
            sent["temperature"].Add(temperature);
            bodies.Add($$"""{"temperature": {{temperature}}}""");
        }

        Assert.Equal(40, bodies.Count);
        using var start = new SemaphoreSlim(0);
        var patches = bodies.Select(async body =>
        {
            await start.WaitAsync();
            return await api.PatchAsync($"/v1/agents/{id}", body);
        }).ToList();
        start.Release(bodies.Count);
        foreach (var answer in await Task.WhenAll(patches))
        {
            answer.AssertStatus(HttpStatusCode.OK);
        }

        var agent = (await api.GetAsync($"/v1/agents/{id}")).AssertStatus(HttpStatusCode.OK).Body;
        foreach (var (field, values) in sent)
        {
            var stored = agent.GetProperty(field).GetRawText();
            Assert.True(values.Contains(stored), $"'{field}' is {stored}, none of the values sent: a PATCH of another field wrote it back");
        }

        Assert.Equal("target", agent.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Forty_simultaneous_patches_of_a_conversations_name_and_agents_keep_both()
    {
        using var api = server.Api(await server.CreateKeyAsync($"patch-{Guid.NewGuid():N}"));
        var agents = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            agents.Add((await api.PostAsync("/v1/agents", "{}")).AssertStatus(HttpStatusCode.Created).Id);
        }

        var id = (await api.PostAsync("/v1/conversations", """{"name": "start"}""")).AssertStatus(HttpStatusCode.Created).Id;
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => api.PatchAsync(
            $"/v1/conversations/{id}",
            i % 2 == 0 ? $$"""{"name": "name {{i}}"}""" : $$"""{"agent_ids": ["{{agents[i / 2 % 2]}}"]}""")));
        Assert.All(answers, a => a.AssertStatus(HttpStatusCode.OK));

        var conversation = (await api.GetAsync($"/v1/conversations/{id}")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.StartsWith("name ", conversation.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Contains(Assert.Single(conversation.GetProperty("agent_ids").EnumerateArray()).GetString(), agents);
    }
}
