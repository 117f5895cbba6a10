using AtTicket.Web.Components.Admin.Performances;

namespace AtTicket.Web.Tests.Admin.Performances;

public class SchedulePlanTests
{
    [Fact]
    public void A_daily_series_has_one_performance_per_evening_in_Korea_time()
    {
        var plan = new SchedulePlan { Kind = ScheduleKind.Daily, From = new DateTime(2030, 3, 1), To = new DateTime(2030, 3, 14), Time = new TimeSpan(19, 30, 0) };

        var times = plan.StartTimes();

        Assert.Equal(14, times.Count);
        Assert.Equal(new DateTimeOffset(2030, 3, 1, 10, 30, 0, TimeSpan.Zero), times[0]);
        Assert.All(times, t => Assert.Equal(TimeSpan.FromHours(9), t.Offset));
        Assert.Null(plan.Problem);
    }

    [Fact]
    public void A_weekday_series_keeps_only_the_chosen_days()
    {
        var plan = new SchedulePlan
        {
            Kind = ScheduleKind.Weekdays,
            From = new DateTime(2030, 3, 1),
            To = new DateTime(2030, 3, 31),
            Days = [DayOfWeek.Saturday, DayOfWeek.Sunday],
        };

        Assert.Equal(10, plan.StartTimes().Count);
        Assert.All(plan.StartTimes(), t => Assert.Contains(t.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }));
    }

    [Fact]
    public void Switching_to_a_series_runs_it_for_a_week()
    {
        var plan = new SchedulePlan { From = new DateTime(2030, 3, 1) };

        plan.ChangeKind(ScheduleKind.Daily);

        Assert.Equal(7, plan.StartTimes().Count);
    }

    [Fact]
    public void More_than_100_performances_at_once_is_refused()
    {
        var plan = new SchedulePlan { Kind = ScheduleKind.Daily, From = new DateTime(2030, 1, 1), To = new DateTime(2030, 12, 31) };

        Assert.Equal("A series has at most 100 performances.", plan.Problem);
    }

    [Fact]
    public void A_series_running_into_2100_names_the_date_window_before_anything_is_saved()
    {
        var plan = new SchedulePlan { Kind = ScheduleKind.Daily, From = new DateTime(2099, 12, 30), To = new DateTime(2100, 1, 2) };

        Assert.Equal("The performance date must fall between the years 2000 and 2099.", plan.Problem);
    }
}
