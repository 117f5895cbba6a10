using System.Text.RegularExpressions;

namespace AtTicket.Domain.Catalog;

/// <summary>
/// Where a poster may come from: a path on this site (an uploaded poster, a bundled image) or an https
/// address. Anything else (javascript:, data:, a protocol-relative //host, markup) is refused.
/// </summary>
public static partial class PosterAddress
{
    public const int MaxLength = 300;

    public static string? Check(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        Guard.That(trimmed.Length <= MaxLength, new Refusal(RefusalCode.PosterAddressTooLong, $"The poster address must be at most {MaxLength} characters.", MaxLength), "posterUrl");
        Guard.That(IsAllowed(trimmed), new Refusal(RefusalCode.PosterAddressNotAllowed, "The poster address must be a path on this site (/media/posters/…) or an https:// address."), "posterUrl");
        return trimmed;
    }

    public static bool IsAllowed(string value) =>
        LocalPath().IsMatch(value) && !value.Contains("//", StringComparison.Ordinal)
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            && string.IsNullOrEmpty(uri.UserInfo) && SafeUrl().IsMatch(value));

    [GeneratedRegex(@"\A/[A-Za-z0-9._~/-]+\z")]
    private static partial Regex LocalPath();

    [GeneratedRegex(@"\Ahttps://[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+\z")]
    private static partial Regex SafeUrl();
}
