using System.Diagnostics;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Web.Components.SeatMap;
using AtTicket.Web.Localization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

// Server-side cost of the seat map on the largest demo hall (1,024 seats): the first render of the
// whole SVG, and the re-render after one seat changes state (what a click or a live update costs a circuit).
const int Iterations = 200;
var seats = ConcertHall();
var held = new HashSet<int>();
SeatPaint Paint(SeatView seat) => new("#c0392b", held.Contains(seat.Id) ? "held" : null, $"{seat.Section} {seat.Row}-{seat.Number}");

using var context = new BunitContext();
context.JSInterop.Mode = JSRuntimeMode.Loose;
context.Services.AddMudServices();
context.Services.AddLocalization();

var first = Measure(() => context.Render<SeatMapView>(p => p.Add(m => m.Seats, seats).Add(m => m.Paint, Paint)));
var map = context.Render<SeatMapView>(p => p.Add(m => m.Seats, seats).Add(m => m.Paint, Paint));
var next = 0;
var change = Measure(() =>
{
    held.Add(seats[next++ % seats.Count].Id);
    map.Render(p => p.Add(m => m.Seats, seats).Add(m => m.Paint, Paint));
});

Console.WriteLine($"seats: {seats.Count}, iterations: {Iterations}");
Console.WriteLine($"first render:            median {first.Median:0.00} ms, p95 {first.P95:0.00} ms");
Console.WriteLine($"re-render, one change:   median {change.Median:0.00} ms, p95 {change.P95:0.00} ms");
Console.WriteLine($"markup: {map.Markup.Length / 1024} KiB of HTML for the whole map");

static (double Median, double P95) Measure(Action action)
{
    for (var i = 0; i < 20; i++)
    {
        action();
    }

    var samples = new List<double>(Iterations);
    for (var i = 0; i < Iterations; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        samples.Add(watch.Elapsed.TotalMilliseconds);
    }

    samples.Sort();
    return (samples[Iterations / 2], samples[(int)(Iterations * 0.95)]);
}

// The demo concert hall's shape: three floor blocks of 20 rows and three balcony blocks of 8.
static List<SeatView> ConcertHall()
{
    var list = new List<SeatView>();
    void Block(string section, int rows, int perRow, double x, double y)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < perRow; i++)
            {
                list.Add(new SeatView(list.Count + 1, section, ((char)('A' + r)).ToString(), i + 1, x + i, y + r, SeatKind.Normal));
            }
        }
    }

    Block("Floor A", 20, 10, 0, 3);
    Block("Floor B", 20, 16, 12, 3);
    Block("Floor C", 20, 10, 30, 3);
    Block("Balcony L", 8, 10, 0, 26);
    Block("Balcony C", 8, 18, 11, 26);
    Block("Balcony R", 8, 10, 30, 26);
    return list;
}
