using AtTicket.Domain.Queues;

namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>The waiting line's rules as the admin edits them: the opening in Korean time, rate and cap optional, the grace in seconds.</summary>
public sealed class WaitingLineDraft
{
    public DateTime? OpensDate { get; set; }
    public TimeSpan? OpensTime { get; set; }
    public int? Rate { get; set; }
    public int? Cap { get; set; }
    public int WindowMinutes { get; set; } = (int)QueueRules.DefaultShoppingWindow.TotalMinutes;
    public int GraceSeconds { get; set; } = (int)QueueRules.DefaultGrace.TotalSeconds;

    /// <summary>The line's rules to edit, or for a new line: opening on the next whole hour at a rate of 100 a minute.</summary>
    public static WaitingLineDraft From(QueueRules? rules, DateTimeOffset now)
    {
        var opens = (rules?.OpensAt ?? now.AddHours(1)).ToOffset(Formats.Kst);
        if (rules is null)
        {
            opens = opens.AddMinutes(-opens.Minute).AddSeconds(-opens.Second).AddMilliseconds(-opens.Millisecond);
        }

        return new WaitingLineDraft
        {
            OpensDate = opens.Date,
            OpensTime = opens.TimeOfDay,
            Rate = rules is null ? 100 : rules.AdmitPerMinute,
            Cap = rules?.MaxShopping,
            WindowMinutes = (int)(rules?.ShoppingWindow ?? QueueRules.DefaultShoppingWindow).TotalMinutes,
            GraceSeconds = (int)(rules?.Grace ?? QueueRules.DefaultGrace).TotalSeconds,
        };
    }

    /// <summary>The rules; the domain refuses (with its reason) a line with neither rate nor cap, or out of range.</summary>
    public QueueRules ToRules(bool paused)
    {
        var date = OpensDate ?? throw new Domain.Common.DomainException("Choose the opening date and time.");
        var time = OpensTime ?? throw new Domain.Common.DomainException("Choose the opening date and time.");
        var opensAt = new DateTimeOffset(DateTime.SpecifyKind(date.Date + time, DateTimeKind.Unspecified), Formats.Kst);
        return new QueueRules(opensAt, Rate, Cap, TimeSpan.FromMinutes(WindowMinutes), TimeSpan.FromSeconds(GraceSeconds), paused);
    }
}
