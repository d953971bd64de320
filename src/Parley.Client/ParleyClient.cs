using System.Net.Http.Headers;
using Parley.Client.Agents;
using Parley.Client.Conversations;
using Parley.Client.Http;
using Parley.Client.Keys;
using Parley.Client.Knowledge;
using Parley.Client.Tools;
using Parley.Client.VoiceSessions;

namespace Parley.Client;

/// <summary>The REST API of a Parley server: agents, conversations and their messages, knowledge, keys, tools and voice sessions.</summary>
/// <remarks>
/// Thread-safe; keep one per server and key. Give it an <see cref="HttpClient"/> from <c>IHttpClientFactory</c>
/// (<c>services.AddParleyClient(...)</c> does that, with <see cref="ParleyRetryHandler"/> in the pipeline), or let it
/// build and own one from <see cref="ParleyClientOptions"/>. Failures throw <see cref="Errors.ParleyApiException"/> and
/// its subclasses; a server that cannot be reached throws <see cref="HttpRequestException"/>.
/// </remarks>
public sealed class ParleyClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>A client on an <see cref="HttpClient"/> whose base address and <c>Authorization</c> header are already set.</summary>
    public ParleyClient(HttpClient httpClient)
        : this(httpClient, null, ownsHttp: false)
    {
    }

    /// <summary>A client on <paramref name="httpClient"/>, setting its base address and key from <paramref name="options"/>.</summary>
    public ParleyClient(HttpClient httpClient, ParleyClientOptions options)
        : this(httpClient, options ?? throw new ArgumentNullException(nameof(options)), ownsHttp: false)
    {
    }

    /// <summary>A client with its own <see cref="HttpClient"/> and retry handler, disposed with it.</summary>
    public ParleyClient(ParleyClientOptions options)
        : this(CreateHttpClient(options), options, ownsHttp: true)
    {
    }

    private ParleyClient(HttpClient httpClient, ParleyClientOptions? options, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        _ownsHttp = ownsHttp;
        if (options is not null)
        {
            Configure(httpClient, options);
        }

        if (_http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress (the Parley server), or pass ParleyClientOptions.", nameof(httpClient));
        }

        var http = new ParleyHttp(httpClient);
        Agents = new AgentsClient(http);
        Conversations = new ConversationsClient(http);
        Knowledge = new KnowledgeClient(http);
        Keys = new KeysClient(http);
        Tools = new ToolsClient(http);
        VoiceSessions = new VoiceSessionsClient(http);
    }

    /// <summary>The server's root address.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary><c>/v1/agents</c>.</summary>
    public AgentsClient Agents { get; }

    /// <summary><c>/v1/conversations</c> and their messages.</summary>
    public ConversationsClient Conversations { get; }

    /// <summary><c>/v1/knowledge</c>.</summary>
    public KnowledgeClient Knowledge { get; }

    /// <summary><c>/v1/keys</c> (admin keys only).</summary>
    public KeysClient Keys { get; }

    /// <summary><c>/v1/tools</c>.</summary>
    public ToolsClient Tools { get; }

    /// <summary><c>POST /v1/voice</c>, and live sessions opened through it.</summary>
    public VoiceSessionsClient VoiceSessions { get; }

    /// <summary>Sets the base address, key and timeout of an <see cref="HttpClient"/> (for <c>IHttpClientFactory</c> set-ups).</summary>
    public static void Configure(HttpClient httpClient, ParleyClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        httpClient.BaseAddress = ParleyClientOptions.Root(options.BaseAddress);
        httpClient.Timeout = options.Timeout;
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            httpClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static HttpClient CreateHttpClient(ParleyClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new HttpClient(new ParleyRetryHandler(new SocketsHttpHandler(), options.Retry));
    }
}
