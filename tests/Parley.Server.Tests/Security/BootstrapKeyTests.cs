using System.Net;
using Microsoft.Data.Sqlite;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Security;

/// <summary>The bootstrap key: retired when <c>PARLEY_API_KEY</c> changes, and refused when short (issue 12, item 10).</summary>
public sealed class BootstrapKeyTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Changing_the_configured_key_revokes_the_old_bootstrap_key_and_keeps_every_other_key()
    {
        const string First = "pk_first_0123456789abcdef0123456789abcdef";
        const string Second = "pk_second_0123456789abcdef0123456789abcde";
        string userKey;
        await using (var first = await StartAsync(First))
        {
            using var api = first.Api(First);
            userKey = (await api.PostAsync("/v1/keys", """{"name": "app"}""")).AssertStatus(HttpStatusCode.Created).String("key");
        }

        await using var second = await StartAsync(Second);
        using (var old = second.Api(First))
        {
            (await old.GetAsync("/v1/agents")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
        }

        using (var current = second.Api(Second))
        {
            var keys = (await current.GetAsync("/v1/keys")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("data").EnumerateArray().ToList();
            var operators = keys.Where(k => k.GetProperty("is_operator").GetBoolean()).ToList();
            Assert.Equal(2, operators.Count);
            Assert.Single(operators, k => k.GetProperty("revoked_at").ValueKind == System.Text.Json.JsonValueKind.Null);
        }

        using var user = second.Api(userKey);
        (await user.GetAsync("/v1/agents")).AssertStatus(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("pk_0123456789abcdef0123456789a")] // 31
    public void A_bootstrap_key_under_32_characters_stops_the_server_with_a_message_naming_the_setting(string key)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ParleyApp.Build(["--PARLEY_API_KEY", key, "--PARLEY_DATA_DIR", _dataDirectory]));
        Assert.Contains("PARLEY_API_KEY", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"{key.Length} characters", refused.Message, StringComparison.Ordinal);
        Assert.Contains("at least 32", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private Task<ConfiguredServerFixture> StartAsync(string key)
        => ConfiguredServerFixture.StartAsync("--PARLEY_API_KEY", key, "--PARLEY_DATA_DIR", _dataDirectory);
}
