using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace AtTicket.Infrastructure;

public static class ProtectedValues
{
    /// <summary>
    /// The text <paramref name="protector"/> sealed in <paramref name="value"/>; null for no value, a damaged or
    /// foreign one, an expired one, or one sealed with a key this node's ring does not hold.
    /// </summary>
    public static string? TryUnprotect(this IDataProtector protector, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            return protector.Unprotect(value);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
