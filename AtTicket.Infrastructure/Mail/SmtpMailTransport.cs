using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AtTicket.Infrastructure.Mail;

/// <summary>
/// Sends over SMTP with MailKit on kept connections: a send takes an idle connection (or opens one),
/// and gives it back afterwards, so a burst of mails pays for connect, greeting and login once per
/// connection instead of once per mail, and parallel sends each have a connection of their own. A
/// connection idle longer than <see cref="SmtpOptions.IdleSeconds"/> is closed rather than reused
/// (servers drop idle clients); a kept connection that fails is thrown away and the mail tried once
/// on a fresh one, so only a server that is really away fails the send.
/// </summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options, TimeProvider? time = null) : IMailTransport, IAsyncDisposable
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentStack<Idle> _idle = new();
    private int _disposed;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var (client, kept) = await TakeAsync(cancellationToken);
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (kept && IsBrokenConnection(exception) && !cancellationToken.IsCancellationRequested)
        {
            client.Dispose(); // the server closed the kept connection meanwhile: once more on a new one
            client = await ConnectAsync(cancellationToken);
            await SendOrDropAsync(client, message, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        GiveBack(client);
    }

    /// <summary>How many connections wait for the next mail (for tests and the curious).</summary>
    public int IdleConnections => _idle.Count;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        while (_idle.TryPop(out var idle))
        {
            await QuitAsync(idle.Client);
        }
    }

    private static async Task SendOrDropAsync(SmtpClient client, MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task<(SmtpClient Client, bool Kept)> TakeAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        while (_idle.TryPop(out var idle))
        {
            if (idle.Client.IsConnected && now - idle.Since < TimeSpan.FromSeconds(_smtp.IdleSeconds))
            {
                return (idle.Client, true);
            }

            await QuitAsync(idle.Client);
        }

        return (await ConnectAsync(cancellationToken), false);
    }

    private void GiveBack(SmtpClient client)
    {
        if (Volatile.Read(ref _disposed) == 1 || !client.IsConnected)
        {
            client.Dispose();
            return;
        }

        _idle.Push(new Idle(client, _time.GetUtcNow()));
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = _smtp.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(_smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), _smtp.Port, SocketOptions(_smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(_smtp.UserName))
            {
                await client.AuthenticateAsync(_smtp.UserName, _smtp.Password ?? string.Empty, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(quit: true, quick.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ProtocolException or ServiceNotConnectedException or System.Net.Sockets.SocketException)
        {
            // Going away anyway.
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>What a connection the server closed (or that went bad while idle) throws on its next command.</summary>
    private static bool IsBrokenConnection(Exception exception) =>
        exception is IOException or ServiceNotConnectedException or SmtpProtocolException or System.Net.Sockets.SocketException
        || (exception is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable });

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private sealed record Idle(SmtpClient Client, DateTimeOffset Since);
}
