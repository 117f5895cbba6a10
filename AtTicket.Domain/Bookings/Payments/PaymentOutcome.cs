namespace AtTicket.Domain.Bookings.Payments;

public enum PaymentOutcome
{
    /// <summary>Charged; the result's reference names the payment for refunds.</summary>
    Approved,

    /// <summary>The card was refused; nothing was charged.</summary>
    Declined,

    /// <summary>The card was refused for lack of funds; nothing was charged.</summary>
    InsufficientFunds,

    /// <summary>The processor failed; nothing was charged and trying again later may work.</summary>
    GatewayError,

    /// <summary>The idempotency key came before with another amount or card; nothing was charged for this request.</summary>
    KeyReused,
}
