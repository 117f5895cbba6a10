using AtTicket.Domain.Bookings.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace AtTicket.Web.Api.Bookings;

internal static class BookingEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>
    /// The header's name as a problem's <c>errors</c> key: lower case, as HTTP/2 writes header names, because the
    /// JSON naming policy would turn "Idempotency-Key" into "idempotency-Key".
    /// </summary>
    public const string IdempotencyKeyField = "idempotency-key";

    public static void MapBookingEndpoints(this RouteGroupBuilder api)
    {
        var bookings = api.MapGroup("/bookings").WithTags("Bookings").RequireAuthorization();
        bookings.MapPost("/", ConfirmAsync)
            .RequireClientLimit(LimitedAction.Booking)
            .WithSummary(
                "Books a hold: charges the card and issues one ticket per seat. The Idempotency-Key header names the checkout: "
                + "the same key again answers the same booking, again with 201, and charges once. 402 when the payment fails "
                + "(declined, insufficient funds, or the payment service failing; nothing is charged): the hold is kept, so retry "
                + "with a new key. 410 when the hold has expired (any charge is refunded). 404 for a hold that is not yours. "
                + "422 for a key already used with another hold.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Bound as optional so that a missing key is reported with the body's mistakes; it is required all the same.
                foreach (var header in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.Name == IdempotencyKeyHeader) ?? [])
                {
                    header.Required = true;
                    header.Description = $"Names this checkout, at most {PaymentRequest.MaxIdempotencyKeyLength} characters (a new UUID, say). The same key again answers the same booking.";
                }

                return Task.CompletedTask;
            })
            .Produces<BookingResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        bookings.MapGet("/", ListAsync)
            .WithSummary("The member's own bookings, newest first.")
            .Produces<IReadOnlyList<BookingResponse>>();
        bookings.MapGet("/{id:guid}", GetAsync)
            .WithSummary("A booking, for its member or an admin; 404 for anyone else, as for a missing one.")
            .Produces<BookingResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        bookings.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithSummary(
                "Cancels a confirmed booking before its performance starts (its member or an admin): the seats are for sale "
                + "again at once and the payment is refunded. Cancelling again answers the same cancelled booking. "
                + "409 once the performance has started, or for a booking that was never confirmed.")
            .Produces<BookingResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        bookings.MapGet("/{id:guid}/tickets/{code}/qr", TicketQrAsync)
            .WithSummary("The ticket's QR code as a PNG, for the booking's member or an admin, while the booking is confirmed.")
            .Produces<Stream>(StatusCodes.Status200OK, "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <remarks>
    /// The checkout runs to the end even if the caller goes away (no request-aborted token): the member
    /// sends the same key again to learn how it ended, and no charge is left without a booking or refund.
    /// </remarks>
    private static async Task<IResult> ConfirmAsync(
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        BookingRequest request,
        ClaimsPrincipal user,
        UserManager<Member> members,
        BookingService bookings,
        BookingReader reader,
        TimeProvider time)
    {
        var errors = Validate(idempotencyKey, request, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var memberId = members.GetUserId(user)!;
        var payment = request.Payment!;
        var card = new CardDetails(payment.CardNumber!, payment.Expiry!, payment.Cvc!, payment.HolderName!);
        var holdId = request.HoldId!.Value;
        ConfirmResult result;
        try
        {
            result = await bookings.ConfirmAsync(memberId, holdId, idempotencyKey!, card);
        }
        catch (DomainException reused) when (reused.Refusal?.Code == RefusalCode.IdempotencyKeyUsedForOtherHold)
        {
            return KeyReused();
        }

        // The domain answers a finished checkout's key without looking at the hold; a key names one checkout.
        if (result.Booking is { } answered && answered.HoldId != holdId)
        {
            return KeyReused();
        }

        switch (result.Outcome)
        {
            case ConfirmOutcome.Confirmed:
                var view = await reader.DescribeAsync(result.Booking!.Id);
                return TypedResults.Created($"/api/bookings/{result.Booking.Id}", view!.ToResponse());
            case ConfirmOutcome.PaymentDeclined:
                // ASP.NET Core has no default type for 402; name the status's section of RFC 9110 as it does for the others.
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status402PaymentRequired,
                    title: "The payment did not go through.",
                    detail: result.Message,
                    type: "https://tools.ietf.org/html/rfc9110#section-15.5.3");
            case ConfirmOutcome.HoldExpired:
                // A booking here was paid and refunded; the member can see it (and its refund) in their list.
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status410Gone,
                    title: "The hold has expired.",
                    detail: result.Message,
                    extensions: result.Booking is null ? null : new Dictionary<string, object?> { ["bookingId"] = result.Booking.Id });
            default:
                return Problems.NotFound("hold");
        }
    }

    /// <summary>A key sent again with another hold: 422, as the IETF Idempotency-Key draft asks for a reused key with a different request.</summary>
    private static IResult KeyReused() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The idempotency key was used for another checkout.",
            detail: BookingService.KeyUsedForOtherHold.Message + " Send a new key for a new checkout.");

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, UserManager<Member> members, BookingReader reader)
    {
        var bookings = await reader.ListForMemberAsync(members.GetUserId(user)!);
        return TypedResults.Ok(bookings.Select(BookingMapping.ToResponse).ToList());
    }

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, UserManager<Member> members, BookingReader reader)
    {
        var booking = await reader.FindAsync(id, members.GetUserId(user)!, user.IsInRole(Roles.Admin));
        return booking is null ? Problems.NotFound("booking") : TypedResults.Ok(booking.ToResponse());
    }

    private static async Task<IResult> CancelAsync(Guid id, ClaimsPrincipal user, UserManager<Member> members, BookingReader reader, BookingCancellation cancellation)
    {
        var memberId = members.GetUserId(user)!;
        var asAdmin = user.IsInRole(Roles.Admin);

        // What GET does not show (a declined checkout of the member's own) is not found here either.
        if (await reader.FindAsync(id, memberId, asAdmin) is null)
        {
            return Problems.NotFound("booking");
        }

        var result = await cancellation.CancelAsync(id, memberId, asAdmin);
        return result.Outcome switch
        {
            CancelOutcome.Cancelled => TypedResults.Ok((await reader.FindAsync(id, memberId, asAdmin))!.ToResponse()),
            CancelOutcome.NotFound => Problems.NotFound("booking"),
            _ => Problems.Conflict(result.Message),
        };
    }

    private static async Task<IResult> TicketQrAsync(Guid id, string code, HttpContext context, ClaimsPrincipal user, UserManager<Member> members, BookingReader reader)
    {
        var booking = await reader.FindAsync(id, members.GetUserId(user)!, user.IsInRole(Roles.Admin));
        var ticket = booking?.Status == BookingStatus.Confirmed ? booking.Tickets.FirstOrDefault(t => t.Code == code) : null;
        if (ticket is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "There is no ticket with that code in that booking.");
        }

        // The image admits its bearer: keep it out of shared caches and off disk.
        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(TicketQr.Png(ticket.Code), "image/png");
    }

    /// <summary>
    /// The header and the body, field by field, with the domain's own card checks, so the member learns
    /// every mistake at once and nothing reaches the gateway that it would refuse as malformed.
    /// </summary>
    private static Dictionary<string, string[]> Validate(string? idempotencyKey, BookingRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        // Keyed by the header's own name: that is what the caller sent and can change.
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            errors[IdempotencyKeyField] = [$"Send an {IdempotencyKeyHeader} header naming this checkout (a new UUID, say); sending it again answers the same booking."];
        }
        else
        {
            Check(errors, IdempotencyKeyField, () => Guard.Text(idempotencyKey, RuleSubject.IdempotencyKeyHeader, PaymentRequest.MaxIdempotencyKeyLength));
        }

        if (request.HoldId is null || request.HoldId == Guid.Empty)
        {
            errors["holdId"] = ["holdId is required: the id of your hold."];
        }

        if (request.Payment is not { } payment)
        {
            errors["payment"] = ["payment is required: cardNumber, expiry (MM/YY), cvc and holderName."];
            return errors;
        }

        Check(errors, "payment.cardNumber", () => CardValidation.EnsureNumber(payment.CardNumber));
        Check(errors, "payment.expiry", () => CardValidation.EnsureExpiry(payment.Expiry, now));
        Check(errors, "payment.cvc", () => CardValidation.EnsureCvc(payment.Cvc));
        Check(errors, "payment.holderName", () => Guard.Text(payment.HolderName, RuleSubject.CardholderName, CardValidation.MaxHolderNameLength));
        return errors;
    }

    private static void Check(Dictionary<string, string[]> errors, string field, Action check)
    {
        try
        {
            check();
        }
        catch (DomainException broken)
        {
            errors[field] = [broken.Message];
        }
    }
}
