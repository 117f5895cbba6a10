using AngleSharp.Dom;
using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Queues;
using AtTicket.Web.Components.Queues;
using AtTicket.Web.Tests.Components.Performances;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Components.Queues;

/// <summary>The waiting page is rendered once: its script finds where to ask, how often, and every text, already localized.</summary>
public sealed class QueuePageTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private const int ScriptTexts = 14;

    [Fact]
    public async Task The_page_hands_its_script_the_addresses_the_pace_and_every_text()
    {
        using var culture = new CultureScope("en");
        var rules = await OpenLineAsync();

        var frame = RenderFrame();

        Assert.Equal("/api/performances/1/queue", frame.GetAttribute("data-api"));
        Assert.Equal("/performances/1", frame.GetAttribute("data-seatmap"));
        Assert.Equal("/Account/Login?returnUrl=%2Fqueue%2F1", frame.GetAttribute("data-login"));
        Assert.Equal("en", frame.GetAttribute("data-lang"));
        Assert.Equal("10000", frame.GetAttribute("data-far-poll-ms"));
        Assert.Equal(
            $"The line opens at {Formats.DateTime(rules.OpensAt)}. Your place is drawn at random then: arriving early gives no advantage.",
            frame.GetAttribute("data-t-before"));
        Assert.Equal("You are in line. This page updates by itself; keep it open.", frame.GetAttribute("data-t-waiting"));
        Assert.Equal("About {0} minutes", frame.GetAttribute("data-t-wait-other"));
        Assert.Equal(ScriptTexts, frame.Attributes.Count(a => a.Name.StartsWith("data-t-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task On_a_Korean_page_the_script_speaks_Korean()
    {
        using var culture = new CultureScope("ko");
        await OpenLineAsync();

        var frame = RenderFrame();

        Assert.Equal("ko", frame.GetAttribute("data-lang"));
        Assert.Equal("대기 중입니다. 이 화면은 저절로 갱신되니 닫지 말고 기다려 주세요.", frame.GetAttribute("data-t-waiting"));
        Assert.Equal("1분 미만", frame.GetAttribute("data-t-wait-soon"));
        Assert.Equal(ScriptTexts, frame.Attributes.Count(a => a.Name.StartsWith("data-t-", StringComparison.Ordinal)));
    }

    private async Task<QueueRules> OpenLineAsync()
    {
        var rules = new QueueRules(Clock.GetUtcNow().AddMinutes(5), admitPerMinute: 60, maxShopping: null, grace: TimeSpan.FromSeconds(30));
        await Services.GetRequiredService<WaitingLines>().SetAsync(ConcertHallPerformance, rules, Cancellation);
        return rules;
    }

    private IElement RenderFrame() =>
        Render<QueuePage>(p => p.Add(x => x.PerformanceId, ConcertHallPerformance)).WaitForElement("[data-testid=queue]", LoadLimit);
}
