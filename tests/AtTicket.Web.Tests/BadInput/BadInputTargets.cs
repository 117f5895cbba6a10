using System.Net;
using System.Text;
using System.Text.Json;
using AtTicket.Web.Tests.Api;
using AtTicket.Web.Tests.Api.Bookings;
using AtTicket.Web.Tests.Api.Holds;
using AtTicket.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.BadInput;

/// <summary>Who calls an operation in the suite, with path values that exist and a body that is valid before a test spoils it.</summary>
public sealed record BadInputTarget(ApiClient Client, string Role, IReadOnlyDictionary<string, string> PathValues, string? Body)
{
    /// <summary>Valid query values sent with every request, except the parameter a test spoils.</summary>
    public IReadOnlyDictionary<string, string> QueryValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The operation's request with the valid path values, except <paramref name="overrides"/>; a fresh Idempotency-Key when the operation takes one.</summary>
    public HttpRequestMessage Request(OpenApiOperation operation, IReadOnlyDictionary<string, string>? overrides, string? query, string? body)
    {
        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var value = overrides?.GetValueOrDefault(parameter.Name) ?? PathValues[parameter.Name];
            path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        var valid = QueryValues.Where(q => query is null || !query.StartsWith(q.Key + "=", StringComparison.Ordinal))
            .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}");
        var allQuery = string.Join('&', valid.Append(query).OfType<string>());
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), allQuery.Length == 0 ? path : $"{path}?{allQuery}");
        if (body is not null)
        {
            // Names that must be unique (halls of a venue) differ on every request, so one success does not refuse the rest.
            body = body.Replace(BadInputTargets.Unique, Guid.NewGuid().ToString("N")[..8], StringComparison.Ordinal);
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (operation.Parameters.Any(p => p.In == "header" && p.Name == "Idempotency-Key"))
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        }

        return request;
    }
}

/// <summary>
/// Builds a <see cref="BadInputTarget"/> per operation: a show of its own (product, venue, 2 x 3 hall, performance
/// on sale), a member of its own (so holds, bookings and session changes of one operation never meet another's),
/// and the admin where a member is refused.
/// </summary>
public sealed class BadInputTargets(ApiApp app, ApiClient admin, BadInputTally tally)
{
    public const string Unique = "__unique__";

    public async Task<BadInputTarget> ForAsync(OpenApiOperation operation)
    {
        if (operation.Path.StartsWith("/api/auth/", StringComparison.Ordinal))
        {
            return await ForAccountAsync(operation);
        }

        var member = await app.NewMemberAsync();
        var (values, body) = await ShowAsync(operation, member.Client);
        var asMember = new BadInputTarget(member.Client, "member", values, body);
        return await RefusesMemberAsync(operation, asMember) ? asMember with { Client = admin, Role = "admin" } : asMember;
    }

    /// <summary>The same caller with a show of its own again: after an accepted PUT replaced the old one's ids.</summary>
    public async Task<BadInputTarget> AfreshAsync(OpenApiOperation operation, BadInputTarget target)
    {
        var (values, body) = await ShowAsync(operation, target.Client);
        return target with { PathValues = values, Body = body };
    }

    private async Task<(Dictionary<string, string> Values, string? Body)> ShowAsync(OpenApiOperation operation, ApiClient caller)
    {
        var show = await new AdminSetup(admin).SmallShowAsync("Bad input");
        var values = new Dictionary<string, string>();
        var holdSeat = show.RowA[0];
        if (operation.Path.StartsWith("/api/bookings/{id}", StringComparison.Ordinal))
        {
            var booking = await caller.BookSuccessfullyAsync(show.PerformanceId, holdSeat);
            values["id"] = booking.GetProperty("id").GetString()!;
            values["code"] = booking.GetProperty("tickets")[0].GetProperty("code").GetString()!;
        }
        else if (operation.Path.StartsWith("/api/holds/{id}", StringComparison.Ordinal) || operation.Path == "/api/bookings")
        {
            values["id"] = HoldApi.HoldId(await caller.HoldSuccessfullyAsync(show.PerformanceId, holdSeat)).ToString();
        }
        else
        {
            var id = operation.Path switch
            {
                var p when p.StartsWith("/api/products/", StringComparison.Ordinal) => show.ProductId,
                var p when p.StartsWith("/api/performances/", StringComparison.Ordinal) => show.PerformanceId,
                var p when p.StartsWith("/api/venues/", StringComparison.Ordinal) => show.VenueId,
                var p when p.StartsWith("/api/halls/", StringComparison.Ordinal) => show.HallId,
                _ => 0,
            };
            values["id"] = values["productId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return (values, Body(operation, show, values.GetValueOrDefault("id")));
    }

    /// <summary>Account operations: anonymous, except the ones about the signed-in member, which get a member of their own.</summary>
    private async Task<BadInputTarget> ForAccountAsync(OpenApiOperation operation)
    {
        var member = await app.NewMemberAsync();
        var login = await LogInAsync(member.Email);
        var body = operation.Path switch
        {
            "/api/auth/register" => Json(new { email = $"probe-{Guid.NewGuid():N}@example.com", password = HoldApi.Password, acceptPrivacyTerms = true }),
            "/api/auth/login" => Json(new { email = member.Email, password = HoldApi.Password, acceptPrivacyTerms = true }),
            "/api/auth/refresh" => Json(new { refreshToken = login.GetProperty("refreshToken").GetString() }),
            "/api/auth/resendConfirmationEmail" or "/api/auth/forgotPassword" => Json(new { email = member.Email }),
            "/api/auth/resetPassword" => Json(new { email = member.Email, resetCode = await ResetCodeAsync(member.Email), newPassword = "Encore#2028" }),
            "/api/auth/manage/2fa" => Json(new { enable = false, twoFactorCode = (string?)null, resetSharedKey = false, resetRecoveryCodes = false, forgetMachine = false }),
            "/api/auth/manage/info" => Json(new { newEmail = (string?)null, newPassword = (string?)null, oldPassword = (string?)null }),
            _ => null,
        };
        var signedIn = operation.Path.StartsWith("/api/auth/manage/", StringComparison.Ordinal) || operation.Path == "/api/auth/logout";
        var values = new Dictionary<string, string>();
        // A real member and a code of the right shape, so each spoilt parameter is the one thing wrong.
        var query = operation.Path == "/api/auth/confirmEmail"
            ? new Dictionary<string, string> { ["userId"] = member.Id, ["code"] = "bm90LWEtY29kZQ" }
            : [];
        return signedIn
            ? new BadInputTarget(member.Client, "member", values, body) { QueryValues = query }
            : new BadInputTarget(app.Anonymous(), "anonymous", values, body) { QueryValues = query };
    }

    /// <summary>A reset code as the mail carries it; no spoilt request resets the password, so it stays valid for all of them.</summary>
    private async Task<string> ResetCodeAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = await members.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No member {email}.");
        member.EmailConfirmed = true; // Identity's API answers an unconfirmed address as a wrong code
        await members.UpdateAsync(member);
        return WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await members.GeneratePasswordResetTokenAsync(member)));
    }

    private async Task<JsonElement> LogInAsync(string email)
    {
        using var client = app.Anonymous();
        using var response = await client.PostAsync("/api/auth/login", new { email, password = HoldApi.Password });
        return await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Authorization comes before binding, so a member's request with placeholder values tells whether the operation is the admin's.</summary>
    private async Task<bool> RefusesMemberAsync(OpenApiOperation operation, BadInputTarget asMember)
    {
        if (operation.Method == "GET")
        {
            return false;
        }

        var zeros = operation.Parameters.Where(p => p.In == "path")
            .ToDictionary(p => p.Name, p => OpenApiOperations.FormatOf(p.Schema) == "uuid" ? Guid.Empty.ToString() : "0");
        using var probe = asMember.Request(operation, zeros, null, operation.Body is null ? null : "{}");
        using var response = await asMember.Client.Http.SendAsync(probe, TestContext.Current.CancellationToken);
        await tally.CheckAsync($"[member] {operation.Key} role probe", response);
        return response.StatusCode == HttpStatusCode.Forbidden;
    }

    private static string? Body(OpenApiOperation operation, SmallShow show, string? id) => operation.Key switch
    {
        "POST /api/products" or "PUT /api/products/{id}" => Json(ProductBody.OnSale("Bad input") with { Title = $"Bad input {Unique}" }),
        "POST /api/products/{productId}/performances" => Json(NewPerformanceBody.OnSale(show.HallId, new GradeBody(null, "R", SmallShow.PriceR, "#c0392b", show.RowA), new GradeBody(null, "S", SmallShow.PriceS, "#2e86c1", show.RowB)) with { StartsAt = NewPerformanceBody.NextWeek().AddHours(3) }),
        "PUT /api/performances/{id}" => Json(new PerformanceChangeBody(NewPerformanceBody.NextWeek(), show.GradesWithMoved(), "onSale")),
        "POST /api/venues" or "PUT /api/venues/{id}" => Json(new VenueBody($"Bad input venue {Unique}", "Mapo-gu, Seoul")),
        "POST /api/venues/{id}/halls" => Json(HallBody.Grid($"Studio {Unique}", rows: 2, seatsPerRow: 3)),
        "PUT /api/halls/{id}" => Json(new HallBody($"Studio {Unique}", [new SectionBody("Main", [Row("A", show.RowA, 0), Row("B", show.RowB, 1)])])),
        "POST /api/performances/{id}/holds" => Json(new { seatIds = new[] { show.RowB[0] }, gradeId = (int?)null, quantity = (int?)null }),
        "POST /api/bookings" => Json(BookingBody.For(Guid.Parse(id!))),
        "PUT /api/performances/{id}/queue/line" => Json(new { opensAt = DateTimeOffset.UtcNow.AddDays(1), admitPerMinute = 60, maxShopping = (int?)null, shoppingWindowMinutes = 10, paused = false }),
        _ when operation.Body is not null => throw new InvalidOperationException($"The suite has no valid body for {operation.Key}; add one."),
        _ => null,
    };

    private static RowBody Row(string label, IReadOnlyList<int> seatIds, int y) =>
        new(label, [.. seatIds.Select((id, i) => new SeatBody(id, i + 1, i, y, "normal"))]);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ApiClient.Json);
}
