using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Queues;
using AtTicket.Web.Components.Admin.Performances;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AtTicket.Web.Tests.Admin.Performances;

/// <summary>The admin runs an on-sale's waiting line from the performance editor.</summary>
public class WaitingLinePanelTests : PerformancePagesContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private WaitingLines Lines => Services.GetRequiredService<WaitingLines>();

    private IWaitingRoom Room => Services.GetRequiredService<IWaitingRoom>();

    [Fact]
    public async Task The_panel_shows_the_line_live_pauses_and_resumes_it_changes_its_rate_and_ends_it_after_confirmation()
    {
        var performanceId = await PerformanceAsync();
        var rules = new QueueRules(DateTimeOffset.UtcNow.AddMinutes(-1), admitPerMinute: 1, maxShopping: null, paused: true);
        await Lines.SetAsync(performanceId, rules, Cancellation);
        foreach (var member in new[] { "a", "b", "c" })
        {
            await Room.JoinAsync(performanceId, member, rules, Cancellation);
        }

        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<WaitingLinePanel>(p => p.Add(x => x.PerformanceId, performanceId));

        panel.WaitForAssertion(() => Assert.Contains("Paused", panel.Find("[data-testid=line-state]").TextContent), Wait);
        Assert.Equal("3 min", panel.Find("[data-testid=time-to-clear]").TextContent.Trim());
        Assert.Contains("3", panel.FindAll(".stat-tile")[0].TextContent);

        // Live: a fourth member joins while the panel is open.
        await Room.JoinAsync(performanceId, "d", rules, Cancellation);
        panel.WaitForAssertion(() => Assert.Equal("4 min", panel.Find("[data-testid=time-to-clear]").TextContent.Trim()), Wait);

        await panel.Find("[data-testid=line-pause]").ClickAsync(new());
        Assert.False((await Lines.RulesAsync(performanceId, Cancellation))!.Paused);
        panel.WaitForAssertion(() => Assert.Contains("Pause admissions", panel.Find("[data-testid=line-pause]").TextContent));

        panel.FindComponents<MudNumericField<int?>>()[0].Find("input").Change("60");
        await panel.Find("[data-testid=line-save]").ClickAsync(new());
        Assert.Equal(60, (await Lines.RulesAsync(performanceId, Cancellation))!.AdmitPerMinute);

        var ending = panel.Find("[data-testid=line-end]").ClickAsync(new()); // waits on the confirmation
        var confirm = dialogs.WaitForElement(".mud-dialog");
        Assert.Contains("members still waiting lose their places", confirm.TextContent);
        Assert.NotNull(await Lines.RulesAsync(performanceId, Cancellation)); // nothing ends before the admin confirms
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "End the line").ClickAsync(new());
        await ending.WaitAsync(Wait, Cancellation);

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=line-start]")), Wait);
        Assert.Null(await Lines.RulesAsync(performanceId, Cancellation));
    }

    [Fact]
    public async Task A_line_without_rate_or_cap_is_refused_with_the_reason_in_korean()
    {
        using var culture = new CultureScope("ko");
        var performanceId = await PerformanceAsync();
        Render<MudPopoverProvider>();
        var panel = Render<WaitingLinePanel>(p => p.Add(x => x.PerformanceId, performanceId));

        panel.FindComponents<MudNumericField<int?>>()[0].Find("input").Change("");
        await panel.Find("[data-testid=line-start]").ClickAsync(new());

        Assert.Equal("입장 속도나 동시 예매 인원 한도, 또는 둘 다 정하세요.", panel.Find("[data-testid=line-error]").TextContent.Trim());
        Assert.Null(await Lines.RulesAsync(performanceId, Cancellation));
    }

    [Fact]
    public async Task Starting_a_line_saves_the_opening_in_korean_time_with_the_default_rate_and_window()
    {
        var performanceId = await PerformanceAsync();
        Render<MudPopoverProvider>();
        var panel = Render<WaitingLinePanel>(p => p.Add(x => x.PerformanceId, performanceId));

        await panel.Find("[data-testid=line-start]").ClickAsync(new());

        var rules = await Lines.RulesAsync(performanceId, Cancellation);
        Assert.NotNull(rules);
        Assert.Equal((100, (int?)null, TimeSpan.FromMinutes(10), false), (rules.AdmitPerMinute, rules.MaxShopping, rules.ShoppingWindow, rules.Paused));
        Assert.InRange(rules.OpensAt - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromHours(1));
        Assert.Equal(0, rules.OpensAt.ToOffset(TimeSpan.FromHours(9)).Minute);
        panel.WaitForAssertion(() => Assert.Contains("Not open yet", panel.Find("[data-testid=line-state]").TextContent), Wait);
    }

    [Fact]
    public async Task Saving_the_rules_keeps_the_grace_period_and_the_admin_may_change_it()
    {
        var performanceId = await PerformanceAsync();
        await Lines.SetAsync(performanceId, new QueueRules(DateTimeOffset.UtcNow.AddMinutes(-1), 60, null, grace: TimeSpan.FromSeconds(45)), Cancellation);
        Render<MudPopoverProvider>();
        var panel = Render<WaitingLinePanel>(p => p.Add(x => x.PerformanceId, performanceId));
        var grace = () => panel.FindComponents<MudNumericField<int>>()[1].Find("input"); // after the shopping window

        Assert.Equal("45", grace().GetAttribute("value"));
        await panel.Find("[data-testid=line-save]").ClickAsync(new());
        Assert.Equal(TimeSpan.FromSeconds(45), (await Lines.RulesAsync(performanceId, Cancellation))!.Grace);

        grace().Change("600");
        await panel.Find("[data-testid=line-save]").ClickAsync(new());
        Assert.Equal(TimeSpan.FromMinutes(10), (await Lines.RulesAsync(performanceId, Cancellation))!.Grace);
    }

    private async Task<int> PerformanceAsync()
    {
        var hall = await Data.HallAsync();
        return await Data.PerformanceAsync(await Data.ProductAsync(ProductCategory.Concert), hall, new GradeSeats(null, "R", 100_000, "#2e7d32", [.. hall.Seats.Select(s => s.Id)]));
    }
}
