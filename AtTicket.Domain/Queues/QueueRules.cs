namespace AtTicket.Domain.Queues;

/// <summary>
/// How a performance's waiting room admits members: from <see cref="OpensAt"/>, at most <see cref="AdmitPerMinute"/>
/// members a minute and/or at most <see cref="MaxShopping"/> shopping at once, each for <see cref="ShoppingWindow"/>.
/// A member whose waiting page has not asked for their place within <see cref="Grace"/> has left the line.
/// </summary>
public sealed record QueueRules
{
    public static readonly TimeSpan DefaultShoppingWindow = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromMinutes(2);
    public const string GraceOutOfRange = "The grace period must be between 10 seconds and 30 minutes.";
    private const int MaxAdmitPerMinute = 60_000;
    private const int MaxShoppingCap = 100_000;

    private static readonly Refusal NeedsRateOrCap =
        new(RefusalCode.QueueNeedsRateOrCap, "Give an admission rate, a cap on members shopping at once, or both.");

    private static readonly Refusal RateOutOfRange =
        new(RefusalCode.QueueRateOutOfRange, "The admission rate must be between 1 and 60,000 members a minute.", 1, MaxAdmitPerMinute);

    private static readonly Refusal ShoppingCapOutOfRange =
        new(RefusalCode.QueueShoppingCapOutOfRange, "The cap on members shopping at once must be between 1 and 100,000.", 1, MaxShoppingCap);

    private static readonly Refusal ShoppingWindowOutOfRange =
        new(RefusalCode.QueueShoppingWindowOutOfRange, "The shopping window must be between 1 and 60 minutes.", 1, 60);

    private static readonly Refusal GraceRefusal = new(RefusalCode.QueueGraceOutOfRange, GraceOutOfRange, 10, 30);

    public QueueRules(DateTimeOffset opensAt, int? admitPerMinute, int? maxShopping, TimeSpan? shoppingWindow = null, TimeSpan? grace = null, bool paused = false)
    {
        Guard.That(admitPerMinute is not null || maxShopping is not null, NeedsRateOrCap, nameof(admitPerMinute), nameof(maxShopping));
        Guard.That(admitPerMinute is null or >= 1 and <= MaxAdmitPerMinute, RateOutOfRange, nameof(admitPerMinute));
        Guard.That(maxShopping is null or >= 1 and <= MaxShoppingCap, ShoppingCapOutOfRange, nameof(maxShopping));
        ShoppingWindow = shoppingWindow ?? DefaultShoppingWindow;
        Guard.That(ShoppingWindow >= TimeSpan.FromMinutes(1) && ShoppingWindow <= TimeSpan.FromHours(1), ShoppingWindowOutOfRange, "shoppingWindowMinutes");
        Grace = grace ?? DefaultGrace;
        Guard.That(AllowsGrace(Grace), GraceRefusal, "graceSeconds");
        OpensAt = opensAt;
        AdmitPerMinute = admitPerMinute;
        MaxShopping = maxShopping;
        Paused = paused;
    }

    public DateTimeOffset OpensAt { get; }
    public int? AdmitPerMinute { get; }
    public int? MaxShopping { get; }
    public TimeSpan ShoppingWindow { get; }
    public TimeSpan Grace { get; }
    public bool Paused { get; }

    /// <summary>How long a member may stop asking for their place before they lose it.</summary>
    public static bool AllowsGrace(TimeSpan grace) => grace >= TimeSpan.FromSeconds(10) && grace <= TimeSpan.FromMinutes(30);

    /// <summary>
    /// After a stall (no node advanced the line for a while) at most this much of the rate is admitted at once,
    /// so a late tick cannot let a crowd through together.
    /// </summary>
    public static readonly TimeSpan MaxCatchUp = TimeSpan.FromSeconds(10);
}
