namespace AtTicket.Web.Components.Admin.Messages;

/// <summary>How long ago something happened, in the largest whole unit: "45 s", "12 min", "3 h", "2 d".</summary>
public static class MessageAge
{
    public static string Text(TimeSpan age, IStringLocalizer localizer)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age switch
        {
            { TotalMinutes: < 1 } => localizer["{0} s", (int)age.TotalSeconds],
            { TotalHours: < 1 } => localizer["{0} min", (int)age.TotalMinutes],
            { TotalDays: < 1 } => localizer["{0} h", (int)age.TotalHours],
            _ => localizer["{0} d", (int)age.TotalDays],
        };
    }
}
