using System.Text.Json;
using System.Threading.Channels;
using AtTicket.Web.Live;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Live;

/// <summary>A hub connection through the in-memory server that keeps what it receives, by method.</summary>
internal sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<(string Method, JsonElement Body)> _received = Channel.CreateUnbounded<(string, JsonElement)>();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private HubClient(HubConnection connection)
    {
        _connection = connection;
        _connection.On<JsonElement>("SeatsChanged", body => _received.Writer.TryWrite(("SeatsChanged", body)));
        _connection.On("Resync", () => _received.Writer.TryWrite(("Resync", default)));
        _connection.On<JsonElement>("LineMoved", body => _received.Writer.TryWrite(("LineMoved", body)));
        _connection.On<JsonElement>("LineEnded", body => _received.Writer.TryWrite(("LineEnded", body)));
    }

    public static async Task<HubClient> ConnectAsync(IServiceProvider services, string path = SeatsHub.Path)
    {
        var server = (TestServer)services.GetRequiredService<IServer>();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, path), options =>
            {
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync(Cancellation);
        return client;
    }

    public Task InvokeAsync(string method, int performanceId) => _connection.InvokeAsync(method, performanceId, Cancellation);

    public Task<JsonElement> InvokeForAnswerAsync(string method, int performanceId) => _connection.InvokeAsync<JsonElement>(method, performanceId, Cancellation);

    /// <summary>The next message received, which must be <paramref name="method"/>; fails after a generous wait.</summary>
    public async Task<JsonElement> NextAsync(string method)
    {
        var next = await NextOfAnyAsync(method);
        Assert.Equal(method, next.Method);
        return next.Body;
    }

    /// <summary>The next message received, whatever it is; fails after a generous wait.</summary>
    public async Task<(string Method, JsonElement Body)> NextOfAnyAsync(string expected = "any")
    {
        try
        {
            return await _received.Reader.ReadAsync(Cancellation).AsTask().WaitAsync(Within.Timeout, Cancellation);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No {expected} message within {Within.Timeout.TotalSeconds:0} s.");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
    }
}
