namespace AtTicket.Infrastructure.Media;

/// <summary>What an uploaded poster may be: PNG, JPEG or WebP, recognised by its first bytes, at most 2 MB.</summary>
public static class PosterRules
{
    public const int MaxBytes = 2 * 1024 * 1024;

    public static readonly IReadOnlyList<string> AllowedContentTypes = ["image/png", "image/jpeg", "image/webp"];

    /// <summary>The content type the bytes really are, or null when they are none of the allowed formats.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return null;
    }
}
