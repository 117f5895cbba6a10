using System.Net;
using System.Text.Json;
using AtTicket.Domain.Bookings;
using AtTicket.Infrastructure.Payments;
using AtTicket.Web.Tests.Api.Holds;

namespace AtTicket.Web.Tests.Api.Bookings;

/// <summary>
/// POST /api/bookings: the Idempotency-Key (the same key answers the same booking and charges once,
/// also when it arrives ten times at once), refused payments that keep the hold, expired holds, and
/// every refusal of the request itself. Charges are counted in the simulated gateway's ledger, which
/// belongs to this class's app alone (tests of one class run one at a time).
/// </summary>
public sealed class BookingCheckoutApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task The_same_key_twice_answers_the_same_booking_with_201_and_charges_once()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var hold = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0], show.RowA[1]);
        var key = BookingApi.NewKey();
        var chargesBefore = app.Ledger().Charges.Count;
        using var first = await member.Client.BookAsync(HoldApi.HoldId(hold), key);
        var booking = await ApiAssert.JsonAsync(first, HttpStatusCode.Created);

        using var again = await member.Client.BookAsync(HoldApi.HoldId(hold), key);

        var replayed = await ApiAssert.JsonAsync(again, HttpStatusCode.Created);
        Assert.Equal(booking.ToString(), replayed.ToString());
        Assert.Equal(ApiAssert.Location(first), ApiAssert.Location(again));
        var charge = Assert.Single(app.Ledger().ChargesFor(BookingApi.BookingId(booking)));
        Assert.Equal(2 * SmallShow.PriceR, charge.Amount);
        Assert.Equal(chargesBefore + 1, app.Ledger().Charges.Count);
        Assert.Single((await member.Client.GetJsonAsync("/api/bookings")).EnumerateArray());
    }

    [Fact]
    public async Task Ten_concurrent_requests_with_one_key_make_one_booking_and_one_charge()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var hold = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[0], show.RowB[1], show.RowB[2]);
        var key = BookingApi.NewKey();
        var chargesBefore = app.Ledger().Charges.Count;

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => member.Client.BookAsync(HoldApi.HoldId(hold), key)));

        try
        {
            var bookings = new List<JsonElement>();
            foreach (var response in responses)
            {
                bookings.Add(await ApiAssert.JsonAsync(response, HttpStatusCode.Created));
            }

            var id = BookingApi.BookingId(bookings[0]);
            Assert.All(bookings, b => Assert.Equal(id, BookingApi.BookingId(b)));
            Assert.All(bookings, b => Assert.Equal("confirmed", b.GetProperty("status").GetString()));
            Assert.All(bookings, b => Assert.Equal(3, b.GetProperty("tickets").GetArrayLength()));
            Assert.Single(app.Ledger().ChargesFor(id));
            Assert.Equal(chargesBefore + 1, app.Ledger().Charges.Count);
            Assert.Equal([id], (await member.Client.GetJsonAsync("/api/bookings")).EnumerateArray().Select(BookingApi.BookingId));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Three_keys_racing_for_one_hold_book_it_once_and_keep_one_charge()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var holdId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[2]));
        var netBefore = app.Ledger().NetCaptured;

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => member.Client.BookAsync(holdId, BookingApi.NewKey())));

        try
        {
            // The winner sells the seats; a loser either finds the hold gone (nothing charged) or is refunded.
            var won = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            var booking = await ApiAssert.JsonAsync(won, HttpStatusCode.Created);
            foreach (var lost in responses.Where(r => r != won))
            {
                await ApiAssert.ProblemAsync(lost, HttpStatusCode.Gone);
            }

            Assert.Equal(SmallShow.PriceR, app.Ledger().NetCaptured - netBefore);
            Assert.Single(app.Ledger().ChargesFor(BookingApi.BookingId(booking)));
            var list = await member.Client.GetJsonAsync("/api/bookings");
            Assert.Equal([BookingApi.BookingId(booking)], list.EnumerateArray().Where(b => b.GetProperty("status").GetString() == "confirmed").Select(BookingApi.BookingId));
            Assert.All(list.EnumerateArray().Where(b => BookingApi.BookingId(b) != BookingApi.BookingId(booking)), b => Assert.Equal("refunded", b.GetProperty("status").GetString()));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Keys_are_per_member_so_two_members_with_one_key_book_their_own_holds()
    {
        var show = await SmallShowAsync();
        using var first = await app.NewMemberAsync();
        using var second = await app.NewMemberAsync();
        var firstHold = await first.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]);
        var secondHold = await second.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[1]);
        var key = BookingApi.NewKey();

        using var firstResponse = await first.Client.BookAsync(HoldApi.HoldId(firstHold), key);
        using var secondResponse = await second.Client.BookAsync(HoldApi.HoldId(secondHold), key);

        var firstBooking = await ApiAssert.JsonAsync(firstResponse, HttpStatusCode.Created);
        var secondBooking = await ApiAssert.JsonAsync(secondResponse, HttpStatusCode.Created);
        Assert.NotEqual(BookingApi.BookingId(firstBooking), BookingApi.BookingId(secondBooking));
        Assert.Equal([show.RowA[0]], BookingApi.SeatIds(firstBooking));
        Assert.Equal([show.RowA[1]], BookingApi.SeatIds(secondBooking));
    }

    [Fact]
    public async Task A_declined_card_answers_402_keeps_the_hold_and_a_new_key_then_books_it()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var hold = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0], show.RowB[0]);
        var holdId = HoldApi.HoldId(hold);
        var chargesBefore = app.Ledger().Charges.Count;

        using var declined = await member.Client.BookAsync(holdId, BookingApi.NewKey(), PaymentBody.Card(SimulatedPaymentGateway.DeclinedCard));

        var problem = await ApiAssert.ProblemAsync(declined, HttpStatusCode.PaymentRequired);
        Assert.Equal(SimulatedPaymentGateway.DeclinedMessage, problem.GetProperty("detail").GetString());
        Assert.Equal(chargesBefore, app.Ledger().Charges.Count);
        Assert.Equal(hold.ToString(), (await member.Client.GetJsonAsync($"/api/holds/{holdId}")).ToString());
        Assert.Equal("held", (await member.Client.SeatStatusesAsync(show.PerformanceId))[show.RowA[0]]);
        Assert.Equal(0, (await member.Client.GetJsonAsync("/api/bookings")).GetArrayLength());

        using var retried = await member.Client.BookAsync(holdId, BookingApi.NewKey());

        var booking = await ApiAssert.JsonAsync(retried, HttpStatusCode.Created);
        Assert.Equal([show.RowA[0], show.RowB[0]], BookingApi.SeatIds(booking));
        Assert.Single(app.Ledger().ChargesFor(BookingApi.BookingId(booking)));
        Assert.Equal(chargesBefore + 1, app.Ledger().Charges.Count);
    }

    [Fact]
    public async Task The_key_of_a_declined_checkout_answers_402_again_even_with_a_good_card()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var holdId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[1]));
        var key = BookingApi.NewKey();
        using (var declined = await member.Client.BookAsync(holdId, key, PaymentBody.Card(SimulatedPaymentGateway.DeclinedCard)))
        {
            await ApiAssert.ProblemAsync(declined, HttpStatusCode.PaymentRequired);
        }

        var chargesBefore = app.Ledger().Charges.Count;

        using var again = await member.Client.BookAsync(holdId, key);

        var problem = await ApiAssert.ProblemAsync(again, HttpStatusCode.PaymentRequired);
        Assert.Equal(BookingService.DeclinedBefore.Message, problem.GetProperty("detail").GetString());
        Assert.Equal(chargesBefore, app.Ledger().Charges.Count);
        Assert.Equal(holdId, HoldApi.HoldId(await member.Client.GetJsonAsync($"/api/holds/{holdId}")));
    }

    public static readonly TheoryData<string, string> RefusedCards = new()
    {
        { SimulatedPaymentGateway.DeclinedCard, SimulatedPaymentGateway.DeclinedMessage },
        { SimulatedPaymentGateway.InsufficientFundsCard, SimulatedPaymentGateway.InsufficientFundsMessage },
        { "5555 5555 5555 4444", SimulatedPaymentGateway.DeclinedMessage },

        // The gateway failing is 402 too, not 503: this checkout is over (its key answers 402 again); retry with a new key.
        { SimulatedPaymentGateway.GatewayErrorCard, SimulatedPaymentGateway.GatewayErrorMessage },
    };

    [Theory]
    [MemberData(nameof(RefusedCards))]
    public async Task A_refused_payment_answers_402_with_the_gateways_message_charges_nothing_and_keeps_the_hold(string cardNumber, string message)
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var holdId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[1]));
        var chargesBefore = app.Ledger().Charges.Count;

        using var response = await member.Client.BookAsync(holdId, BookingApi.NewKey(), PaymentBody.Card(cardNumber));

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.PaymentRequired);
        Assert.Equal(message, problem.GetProperty("detail").GetString());
        Assert.Equal(chargesBefore, app.Ledger().Charges.Count);
        Assert.Equal(holdId, HoldApi.HoldId(await member.Client.GetJsonAsync($"/api/holds/{holdId}")));
        Assert.Equal(0, (await member.Client.GetJsonAsync("/api/bookings")).GetArrayLength());
    }

    [Fact]
    public async Task An_expired_hold_answers_410_and_charges_nothing()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var holdId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[2]));
        await HoldApi.ExpireAsync(app.Services, holdId);
        var chargesBefore = app.Ledger().Charges.Count;

        using var response = await member.Client.BookAsync(holdId, BookingApi.NewKey());

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Gone);
        Assert.Equal(BookingService.HoldExpired.Message, problem.GetProperty("detail").GetString());
        Assert.False(problem.TryGetProperty("bookingId", out _));
        Assert.Equal(chargesBefore, app.Ledger().Charges.Count);
        Assert.Equal(0, (await member.Client.GetJsonAsync("/api/bookings")).GetArrayLength());
    }

    [Fact]
    public async Task A_released_hold_answers_410_and_charges_nothing()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var holdId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[2]));
        using (var released = await member.Client.DeleteAsync($"/api/holds/{holdId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        }

        var chargesBefore = app.Ledger().Charges.Count;

        using var response = await member.Client.BookAsync(holdId, BookingApi.NewKey());

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Gone);
        Assert.Equal(chargesBefore, app.Ledger().Charges.Count);
        Assert.Equal("available", (await member.Client.SeatStatusesAsync(show.PerformanceId))[show.RowB[2]]);
    }

    [Fact]
    public async Task A_payment_taken_after_the_hold_expired_is_refunded_and_answers_410_with_the_refunded_booking()
    {
        // An earlier attempt stopped half-way (a pending booking, nothing charged); the hold then ran out,
        // and the same key comes again: the card is charged, the seats cannot be sold, the charge goes back.
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var holdId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]));
        var key = BookingApi.NewKey();
        var bookingId = await BookingApi.LeavePendingAsync(app.Services, member.Id, holdId, key);
        await HoldApi.ExpireAsync(app.Services, holdId);

        using var response = await member.Client.BookAsync(holdId, key);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Gone);
        Assert.Equal(BookingService.Refunded.Message, problem.GetProperty("detail").GetString());
        Assert.Equal(bookingId, problem.GetProperty("bookingId").GetGuid());
        var charge = Assert.Single(app.Ledger().ChargesFor(bookingId));
        Assert.True(app.Ledger().IsRefunded(charge.Reference));
        var refunded = await member.Client.GetJsonAsync($"/api/bookings/{bookingId}");
        Assert.Equal("refunded", refunded.GetProperty("status").GetString());
        Assert.Equal(0, refunded.GetProperty("tickets").GetArrayLength());
        Assert.Equal(SmallShow.PriceR, refunded.GetProperty("refund").GetProperty("amount").GetInt64());
        Assert.Equal(JsonValueKind.String, refunded.GetProperty("refund").GetProperty("refundedAt").ValueKind);
        Assert.NotEqual("sold", (await member.Client.SeatStatusesAsync(show.PerformanceId))[show.RowA[0]]);

        // A refunded checkout was never confirmed: there is nothing to cancel.
        using var cancel = await member.Client.CancelAsync(bookingId);
        var conflict = await ApiAssert.ProblemAsync(cancel, HttpStatusCode.Conflict);
        Assert.Equal(BookingCancellation.NotCancellable.Message, conflict.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_hold_answers_404_and_charges_nothing()
    {
        using var member = await app.NewMemberAsync();
        var chargesBefore = app.Ledger().Charges.Count;

        using var response = await member.Client.BookAsync(Guid.NewGuid(), BookingApi.NewKey());

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(chargesBefore, app.Ledger().Charges.Count);
    }

    [Fact]
    public async Task Another_members_hold_answers_404_like_an_unknown_one_and_stays_theirs()
    {
        var show = await SmallShowAsync();
        using var owner = await app.NewMemberAsync();
        using var stranger = await app.NewMemberAsync();
        var hold = await owner.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[0]);
        var chargesBefore = app.Ledger().Charges.Count;

        using var theirs = await stranger.Client.BookAsync(HoldApi.HoldId(hold), BookingApi.NewKey());
        using var unknown = await stranger.Client.BookAsync(Guid.NewGuid(), BookingApi.NewKey());

        var theirsProblem = await ApiAssert.ProblemAsync(theirs, HttpStatusCode.NotFound);
        var unknownProblem = await ApiAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(unknownProblem.GetProperty("title").GetString(), theirsProblem.GetProperty("title").GetString());
        Assert.Equal(unknownProblem.GetProperty("detail").GetString(), theirsProblem.GetProperty("detail").GetString());
        Assert.Equal(chargesBefore, app.Ledger().Charges.Count);
        Assert.Equal(hold.ToString(), (await owner.Client.GetJsonAsync($"/api/holds/{HoldApi.HoldId(hold)}")).ToString());
        using var booked = await owner.Client.BookAsync(HoldApi.HoldId(hold), BookingApi.NewKey());
        await ApiAssert.JsonAsync(booked, HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_key_sent_again_with_another_hold_answers_422_and_books_nothing()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var key = BookingApi.NewKey();
        var firstHold = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]);
        using (var first = await member.Client.BookAsync(HoldApi.HoldId(firstHold), key))
        {
            await ApiAssert.JsonAsync(first, HttpStatusCode.Created);
        }

        var secondHold = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[1]);
        var chargesBefore = app.Ledger().Charges.Count;

        using var reused = await member.Client.BookAsync(HoldApi.HoldId(secondHold), key);

        var problem = await ApiAssert.ProblemAsync(reused, HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith(BookingService.KeyUsedForOtherHold.Message, problem.GetProperty("detail").GetString());
        Assert.Equal(chargesBefore, app.Ledger().Charges.Count);
        Assert.Equal(secondHold.ToString(), (await member.Client.GetJsonAsync($"/api/holds/{HoldApi.HoldId(secondHold)}")).ToString());
        Assert.Single((await member.Client.GetJsonAsync("/api/bookings")).EnumerateArray());
    }

    [Fact]
    public async Task A_key_of_a_checkout_left_pending_sent_with_another_hold_answers_422()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var key = BookingApi.NewKey();
        var firstHoldId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[0]));
        await BookingApi.LeavePendingAsync(app.Services, member.Id, firstHoldId, key);
        using (var released = await member.Client.DeleteAsync($"/api/holds/{firstHoldId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        }

        var secondHoldId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[1]));

        using var reused = await member.Client.BookAsync(secondHoldId, key);

        await ApiAssert.ProblemAsync(reused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(secondHoldId, HoldApi.HoldId(await member.Client.GetJsonAsync($"/api/holds/{secondHoldId}")));
    }

    public static readonly TheoryData<string> BadKeys = new() { string.Empty, "   ", new string('k', 101) };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public Task A_blank_or_too_long_idempotency_key_answers_400_and_charges_nothing(string key) => AssertKeyRefusedAsync(key);

    [Fact]
    public Task A_missing_idempotency_key_answers_400_and_charges_nothing() => AssertKeyRefusedAsync(null);

    [Fact]
    public async Task A_key_of_100_characters_is_accepted()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var holdId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]));

        using var response = await member.Client.BookAsync(holdId, new string('k', 100));

        await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    public static readonly TheoryData<string, PaymentBody> BadCards = new()
    {
        { "payment.cardNumber", PaymentBody.Approved with { CardNumber = "4242 4242 4242 4241" } }, // fails Luhn
        { "payment.cardNumber", PaymentBody.Approved with { CardNumber = "4242-abcd-4242-4242" } },
        { "payment.cardNumber", PaymentBody.Approved with { CardNumber = "4242" } },
        { "payment.cardNumber", PaymentBody.Approved with { CardNumber = null } },
        { "payment.expiry", PaymentBody.Approved with { Expiry = "01/20" } }, // in the past
        { "payment.expiry", PaymentBody.Approved with { Expiry = "13/30" } },
        { "payment.expiry", PaymentBody.Approved with { Expiry = "2030-01" } },
        { "payment.expiry", PaymentBody.Approved with { Expiry = "" } },
        { "payment.cvc", PaymentBody.Approved with { Cvc = "12" } },
        { "payment.cvc", PaymentBody.Approved with { Cvc = "12a" } },
        { "payment.holderName", PaymentBody.Approved with { HolderName = " " } },
        { "payment.holderName", PaymentBody.Approved with { HolderName = new string('n', 101) } },
    };

    [Theory]
    [MemberData(nameof(BadCards))]
    public async Task A_bad_card_answers_400_naming_the_field_and_charges_nothing(string field, PaymentBody payment)
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var holdId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[2]));
        var chargesBefore = app.Ledger().Charges.Count;

        using var response = await member.Client.BookAsync(holdId, BookingApi.NewKey(), payment);

        var problem = await ApiAssert.ValidationProblemAsync(response, field);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(chargesBefore, app.Ledger().Charges.Count);
        Assert.Equal(holdId, HoldApi.HoldId(await member.Client.GetJsonAsync($"/api/holds/{holdId}")));
    }

    [Fact]
    public async Task Every_mistake_is_named_at_once()
    {
        using var member = await app.NewMemberAsync();

        using var response = await member.Client.BookAsync(null, new BookingBody(null, new PaymentBody("1234", "1/2", "1", null)));

        var problem = await ApiAssert.ValidationProblemAsync(response, "holdId");
        Assert.Equal(
            ["holdId", "idempotency-key", "payment.cardNumber", "payment.cvc", "payment.expiry", "payment.holderName"],
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_missing_or_empty_hold_id_answers_400()
    {
        using var member = await app.NewMemberAsync();

        using var missing = await member.Client.BookAsync(BookingApi.NewKey(), new BookingBody(null, PaymentBody.Approved));
        using var empty = await member.Client.BookAsync(BookingApi.NewKey(), new BookingBody(Guid.Empty, PaymentBody.Approved));

        await ApiAssert.ValidationProblemAsync(missing, "holdId");
        await ApiAssert.ValidationProblemAsync(empty, "holdId");
    }

    [Fact]
    public async Task A_missing_payment_or_body_answers_400()
    {
        using var member = await app.NewMemberAsync();

        using var noPayment = await member.Client.BookAsync(BookingApi.NewKey(), new BookingBody(Guid.NewGuid(), null));
        using var noBody = await member.Client.BookAsync(BookingApi.NewKey(), null);
        using var emptyObject = await member.Client.BookRawAsync(BookingApi.NewKey(), "{}");

        await ApiAssert.ValidationProblemAsync(noPayment, "payment");
        await ApiAssert.ProblemAsync(noBody, HttpStatusCode.BadRequest);
        await ApiAssert.ValidationProblemAsync(emptyObject, "payment");
    }

    public static readonly TheoryData<string> UnreadableBodies = new()
    {
        """{"holdId": """,
        """{"holdId": "not-a-guid", "payment": {"cardNumber": "4242424242424242", "expiry": "12/39", "cvc": "123", "holderName": "Kim"}}""",
        """{"holdId": 42, "payment": {}}""",
        """{"holdId": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "payment": "card"}""",
        """[1, 2, 3]""",
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task Unreadable_JSON_answers_400_not_500(string json)
    {
        using var member = await app.NewMemberAsync();

        using var response = await member.Client.BookRawAsync(BookingApi.NewKey(), json);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private async Task AssertKeyRefusedAsync(string? key)
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var holdId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]));
        var chargesBefore = app.Ledger().Charges.Count;

        using var response = await member.Client.BookAsync(key, BookingBody.For(holdId));

        var problem = await ApiAssert.ValidationProblemAsync(response, "idempotency-key");
        Assert.Equal(["idempotency-key"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(chargesBefore, app.Ledger().Charges.Count);
        Assert.Equal(holdId, HoldApi.HoldId(await member.Client.GetJsonAsync($"/api/holds/{holdId}")));
    }

    private async Task<SmallShow> SmallShowAsync()
    {
        using var admin = await app.AdminAsync();
        return await new AdminSetup(admin).SmallShowAsync("Checkout show");
    }
}
