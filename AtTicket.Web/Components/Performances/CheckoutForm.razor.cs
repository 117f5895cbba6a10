using AtTicket.Domain.Bookings.Payments;
using AtTicket.Infrastructure.Payments;

namespace AtTicket.Web.Components.Performances;

/// <summary>
/// Pays for a live hold: the card is checked here with the domain's own rules before the gateway is
/// called; a decline keeps the hold for another try; a lost hold hands back to the page.
/// </summary>
public partial class CheckoutForm(
    BookingService bookings, TimeProvider time, NavigationManager navigation, IOptions<PaymentOptions> payments, ILogger<CheckoutForm> logger)
{
    private readonly Dictionary<Field, string> _errors = [];
    private string _number = string.Empty;
    private string _expiry = string.Empty;
    private string _cvc = string.Empty;
    private string _name = string.Empty;
    private bool _submitted;
    private bool _paying;
    private string? _problem;
    private Attempt? _attempt;
    private MudTextField<string>? _numberField;
    private MudTextField<string>? _expiryField;
    private MudTextField<string>? _cvcField;
    private MudTextField<string>? _nameField;

    private enum Field
    {
        Number,
        Expiry,
        Cvc,
        Name,
    }

    [Parameter, EditorRequired] public HoldView Hold { get; set; } = default!;

    [Parameter, EditorRequired] public string MemberId { get; set; } = string.Empty;

    /// <summary>True while the payment is under way, false when it has answered.</summary>
    [Parameter] public EventCallback<bool> PayingChanged { get; set; }

    /// <summary>The hold is gone (expired, released elsewhere, unknown); what the Domain said, in the member's language.</summary>
    [Parameter] public EventCallback<string> HoldLost { get; set; }

    private bool IsSimulated => string.Equals(payments.Value.Provider, PaymentOptions.SimulatedProvider, StringComparison.OrdinalIgnoreCase);

    private async Task PayAsync()
    {
        if (_paying)
        {
            return;
        }

        _submitted = true;
        _number = CardInput.GroupNumber(_number);
        _expiry = CardInput.NormalizeExpiry(_expiry);
        if (!Validate())
        {
            await FocusFirstErrorAsync();
            return;
        }

        var card = new CardDetails(_number.Trim(), _expiry.Trim(), _cvc.Trim(), _name.Trim());

        // One key per attempt: the same card sent again after a failure re-uses it, so it is charged once.
        if (_attempt is null || _attempt.Card != card)
        {
            _attempt = new Attempt(Guid.NewGuid().ToString(), card);
        }

        _problem = null;
        _paying = true;
        await PayingChanged.InvokeAsync(true);
        try
        {
            var result = await bookings.ConfirmAsync(MemberId, Hold.Id, _attempt.Key, card);
            await AnswerAsync(result);
        }
        catch (DomainException refused)
        {
            _attempt = null;
            _problem = L.Localize(refused);
        }
        catch (Exception failure)
        {
            // The key stays: trying again with the same card answers this attempt instead of charging twice.
            logger.LogError(failure, "Checkout of hold {HoldId} failed.", Hold.Id);
            _problem = L["We could not finish that request. Nothing was charged. Please try again in a moment."];
        }
        finally
        {
            _paying = false;
            await PayingChanged.InvokeAsync(false);
        }
    }

    private async Task AnswerAsync(ConfirmResult result)
    {
        switch (result.Outcome)
        {
            case ConfirmOutcome.Confirmed:
                var booking = result.Booking!;
                navigation.NavigateTo(booking.Status == BookingStatus.Confirmed ? $"/bookings/{booking.Id}?new=1" : $"/bookings/{booking.Id}");
                break;
            case ConfirmOutcome.PaymentDeclined:
                // That booking is closed: the next try is a new attempt with a new key.
                _attempt = null;
                _problem = L.Localize(result);
                if (_numberField is not null)
                {
                    await _numberField.FocusAsync();
                }

                break;
            default:
                await HoldLost.InvokeAsync(L.Localize(result));
                break;
        }
    }

    /// <summary>After the first try, each change checks the fields again so the messages follow the typing.</summary>
    private void Revalidate()
    {
        if (_submitted)
        {
            Validate();
        }
    }

    private bool Validate()
    {
        _errors.Clear();
        Check(Field.Number, () => CardValidation.EnsureNumber(_number));
        Check(Field.Expiry, () => CardValidation.EnsureExpiry(_expiry, time.GetUtcNow()));
        Check(Field.Cvc, () => CardValidation.EnsureCvc(_cvc));
        if (string.IsNullOrWhiteSpace(_name))
        {
            _errors[Field.Name] = L["Enter the name on the card."];
        }
        else if (_name.Trim().Length > CardValidation.MaxHolderNameLength)
        {
            _errors[Field.Name] = L["The name on the card must be at most {0} characters.", CardValidation.MaxHolderNameLength];
        }

        return _errors.Count == 0;
    }

    private void Check(Field field, Action rule)
    {
        try
        {
            rule();
        }
        catch (DomainException broken)
        {
            _errors[field] = L.Localize(broken);
        }
    }

    private async Task FocusFirstErrorAsync()
    {
        var first = new (Field Field, MudTextField<string>? Input)[] { (Field.Number, _numberField), (Field.Expiry, _expiryField), (Field.Cvc, _cvcField), (Field.Name, _nameField) }
            .FirstOrDefault(f => _errors.ContainsKey(f.Field));
        if (first.Input is not null)
        {
            await first.Input.FocusAsync();
        }
    }

    private void GroupNumber() => _number = CardInput.GroupNumber(_number);

    private void NormalizeExpiry() => _expiry = CardInput.NormalizeExpiry(_expiry);

    /// <summary>An idempotency key and the card it was made for.</summary>
    private sealed record Attempt(string Key, CardDetails Card);
}
