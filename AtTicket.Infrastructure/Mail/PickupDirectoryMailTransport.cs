using MimeKit;

namespace AtTicket.Infrastructure.Mail;

/// <summary>
/// Writes each mail as an <c>.eml</c> file (any mail program opens it) when no SMTP server is
/// configured, so a developer sees every mail without installing anything. The file appears whole:
/// it is written under a temporary name and renamed.
/// </summary>
public sealed class PickupDirectoryMailTransport(string directory) : IMailTransport
{
    public string Directory { get; } = directory;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}";
        var partial = Path.Combine(Directory, name + ".tmp");
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, Path.Combine(Directory, name + ".eml"));
    }
}
