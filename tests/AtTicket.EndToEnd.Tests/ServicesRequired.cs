namespace AtTicket.EndToEnd.Tests;

/// <summary>
/// What a test does when something it needs is missing: by hand it is skipped with the reason; under
/// scripts/test.sh, which installs everything and sets ATTICKET_REQUIRE_SERVICES=1, it fails instead.
/// </summary>
internal static class ServicesRequired
{
    public const string Variable = "ATTICKET_REQUIRE_SERVICES";

    public static bool Promised => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Returns when <paramref name="missingReason"/> is null; otherwise skips or fails the test with it.</summary>
    public static void Check(string? missingReason)
    {
        if (missingReason is null)
        {
            return;
        }

        if (Promised)
        {
            Assert.Fail($"{Variable}=1 but: {missingReason}");
        }

        Assert.Skip(missingReason);
    }
}
