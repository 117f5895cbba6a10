namespace AtTicket.Web.Components.Admin.Performances;

public enum ScheduleKind
{
    /// <summary>One performance.</summary>
    Once,

    /// <summary>Every day between two dates.</summary>
    Daily,

    /// <summary>The chosen days of the week between two dates.</summary>
    Weekdays,
}

/// <summary>
/// When a new performance (or a series of them) starts. Admins enter Korea time, so every start
/// time carries the +09:00 offset whatever the server's time zone.
/// </summary>
public sealed class SchedulePlan
{
    public const int MaxPerformances = 100;

    public ScheduleKind Kind { get; set; } = ScheduleKind.Once;

    /// <summary>The day of a single performance, or the first day of a series.</summary>
    public DateTime? From { get; set; }

    /// <summary>The last day of a series (inclusive).</summary>
    public DateTime? To { get; set; }

    public TimeSpan? Time { get; set; } = new(19, 30, 0);

    public HashSet<DayOfWeek> Days { get; set; } = [DayOfWeek.Friday, DayOfWeek.Saturday];

    /// <summary>Switches between one date and a series; a new series runs for a week unless a last day was chosen.</summary>
    public void ChangeKind(ScheduleKind kind)
    {
        Kind = kind;
        if (kind != ScheduleKind.Once && To is null && From is { } from)
        {
            To = from.AddDays(6);
        }
    }

    /// <summary>Start times in order; empty while the plan is incomplete.</summary>
    public IReadOnlyList<DateTimeOffset> StartTimes()
    {
        if (From is not { } from || Time is not { } time)
        {
            return [];
        }

        var first = from.Date;
        var last = Kind == ScheduleKind.Once ? first : To?.Date ?? first;
        var times = new List<DateTimeOffset>();
        for (var day = first; day <= last && times.Count <= MaxPerformances; day = day.AddDays(1))
        {
            if (Kind != ScheduleKind.Weekdays || Days.Contains(day.DayOfWeek))
            {
                times.Add(new DateTimeOffset(DateTime.SpecifyKind(day + time, DateTimeKind.Unspecified), Formats.Kst));
            }
        }

        return times;
    }

    /// <summary>Why the plan cannot be scheduled yet, in English; null when it can.</summary>
    public string? Problem => Why() switch
    {
        ({ } sentence, _) => sentence,
        (_, { } refusal) => refusal.Message,
        _ => null,
    };

    /// <summary><see cref="Problem"/> in the reader's language: the page's own sentence, or the Domain's refusal by its code.</summary>
    public string? LocalizedProblem(IStringLocalizer localizer) => Why() switch
    {
        ({ } sentence, _) => localizer.Localize(sentence),
        (_, { } refusal) => localizer.Localize(refusal),
        _ => null,
    };

    private (string? Sentence, Refusal? Refusal) Why()
    {
        if (From is null || Time is null)
        {
            return (Kind == ScheduleKind.Once ? "Choose a date and a time." : "Choose the first day and a time.", null);
        }

        if (Kind != ScheduleKind.Once && To is null)
        {
            return ("Choose the last day of the series.", null);
        }

        if (Kind != ScheduleKind.Once && To < From)
        {
            return ("The last day comes before the first day.", null);
        }

        if (Kind == ScheduleKind.Weekdays && Days.Count == 0)
        {
            return ("Choose at least one day of the week.", null);
        }

        var times = StartTimes();
        return times.Count switch
        {
            0 => ("No day between these dates falls on the chosen weekdays.", null),
            > MaxPerformances => ("A series has at most 100 performances.", null),
            _ => (null, DateWindow.Problem(times[0], Performance.StartsAtSubject) ?? DateWindow.Problem(times[^1], Performance.StartsAtSubject)),
        };
    }
}
