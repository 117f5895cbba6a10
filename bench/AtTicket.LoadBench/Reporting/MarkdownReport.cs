using System.Globalization;
using System.Text;
using AtTicket.LoadBench.Calibration;
using AtTicket.LoadBench.Measuring;
using AtTicket.LoadBench.Scenarios;

namespace AtTicket.LoadBench.Reporting;

/// <summary>
/// The flash-sale section of docs/benchmarks.md, rendered from the results file and put at the top of
/// the document (replacing the previous run's section; text outside the markers is left alone).
/// </summary>
public static class MarkdownReport
{
    private const string Begin = "<!-- flash-sale benchmark: begin (written by scripts/bench.sh from docs/benchmarks/flash-sale.json) -->";
    private const string End = "<!-- flash-sale benchmark: end -->";

    public static void Write(BenchResults results, string markdownPath, string resultsPath)
    {
        var section = Render(results, resultsPath);
        var document = File.Exists(markdownPath) ? File.ReadAllText(markdownPath) : "# Benchmarks\n";
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        if (begin >= 0 && end > begin)
        {
            document = document[..begin] + section + document[(end + End.Length)..];
        }
        else
        {
            // At the top: after the title and its introduction, before the first section.
            var first = document.IndexOf("\n## ", StringComparison.Ordinal);
            document = first < 0 ? document.TrimEnd() + "\n\n" + section + "\n" : document[..(first + 1)] + section + "\n\n" + document[(first + 1)..];
        }

        File.WriteAllText(markdownPath, document);
    }

    private static string Render(BenchResults r, string resultsPath)
    {
        var md = new StringBuilder();
        md.AppendLine(Begin);
        md.AppendLine("## Flash sale (issue 9): holds, sell-out, reads and live fan-out against the machine's own limits");
        md.AppendLine();
        RunSection(md, r, resultsPath);
        Targets(md, r);
        Calibration(md, r);
        Sustained(md, r.SustainedHolds, r.CalibrationDatabase);
        Floor(md, r.FloorHolds, r.SustainedHolds, r.CalibrationDatabase);
        SellOutSection(md, r.SellOut);
        MailSection(md, r.MailLag);
        MailThroughputSection(md, r.MailThroughput);
        ReadsSection(md, r.Reads, r.CalibrationHttp);
        FanOut(md, r.LiveFanOut);
        CircuitsSection(md, r.Circuits);
        WaitingLineSection(md, r.WaitingLine);
        Profile(md, r.Profile, r.SustainedHolds);
        md.Append(End);
        return md.ToString();
    }

    private static void RunSection(StringBuilder md, BenchResults r, string resultsPath)
    {
        if (r.Run is not { } run)
        {
            return;
        }

        var m = run.Machine;
        md.AppendLine(Invariant($"`scripts/bench.sh` on commit {run.Commit}, {run.StartedAt:yyyy-MM-dd HH:mm} UTC{(run.FinishedAt is { } f ? $", {(f - run.StartedAt).TotalMinutes:0.0} min of scenarios" : null)}; raw results in `{resultsPath}`."));
        md.AppendLine(Invariant($"Machine: {m.Cores} cores ({m.CpuModel}), {m.MemoryGiB:0} GiB; load average (1, 5, 15 min) {m.LoadAverageBefore} before, {m.LoadAverageAfter ?? "?"} after. ") +
            "The load generator, nginx, both nodes, MariaDB and Redis share these cores, so every figure is a lower bound of what the app does on a machine of its own.");
        md.AppendLine("Versions: " + string.Join(", ", run.Versions.Select(v => $"{v.Key} {v.Value}")) + ".");
        md.AppendLine("Settings: two Release nodes of AtTicket.Web behind nginx (deploy/nginx.conf with the bench's addresses, access log off, 16,384 worker connections), " +
            "MariaDB and Redis from scripts/services.sh; " + string.Join("; ", run.Settings.Select(s => $"{s.Key}: {s.Value}")) + ".");
        md.AppendLine();
    }

    private static void Targets(StringBuilder md, BenchResults r)
    {
        md.AppendLine("### Issue 9's targets");
        md.AppendLine();
        md.AppendLine("| scenario | target | measured | met |");
        md.AppendLine("|---|---|---|---|");
        foreach (var t in r.Targets ?? [])
        {
            md.AppendLine($"| {t.Scenario} | {t.Target} | {t.Measured} | {(t.Met switch { true => "yes", false => "**no**", null => "–" })} |");
        }

        md.AppendLine();
        if (r.FloorHolds is { } floor && r.CalibrationDatabase is { } db)
        {
            md.AppendLine(Invariant($"For scale, F1 (the least a hold can do, below) made **{floor.SuccessfulHoldsPerSecond:N1} successful holds/s = {floor.SuccessfulHoldsPerSecond / db.BestPerSecond:0.####} ×** the same calibration, hold p50 {floor.Holds.P50Ms} ms, **p99 {floor.Holds.P99Ms} ms**{(floor.Holds.P99Ms > 100 ? ": the floor alone is over S1's p99 target here" : string.Empty)}."));
            md.AppendLine();
        }
    }

    private static void Calibration(StringBuilder md, BenchResults r)
    {
        md.AppendLine("### C0: the machine's own limits, same run");
        md.AppendLine();
        md.AppendLine("| what | rate | latency |");
        md.AppendLine("|---|---|---|");
        if (r.CalibrationDatabase is { } db)
        {
            md.AppendLine(Invariant($"| MariaDB: the hold's conditional UPDATE of 1-4 seat rows, autocommit, a copy of a {db.Seats:N0}-seat performance (sysbench, {string.Join(" / ", db.Runs.Select(x => x.Threads))} threads) | {string.Join(" / ", db.Runs.Select(x => x.PerSecond.ToString("N0", CultureInfo.InvariantCulture)))} per s (best {db.BestPerSecond:N0}) | p95 {string.Join(" / ", db.Runs.Select(x => x.P95Ms.ToString("0.##", CultureInfo.InvariantCulture)))} ms |"));
        }

        if (r.CalibrationRedis is { } redis)
        {
            md.AppendLine(Invariant($"| Redis: EVAL of INCR + PUBLISH (redis-benchmark, {redis.Connections} connections) | {redis.PerSecond:N0} per s | p50 {redis.P50Ms} ms, p99 {redis.P99Ms} ms |"));
        }

        if (r.CalibrationHttp is { } http)
        {
            md.AppendLine(Invariant($"| the app: `GET {http.Path}` through nginx (wrk, {http.Connections} connections) | {http.PerSecond:N0} per s | p50 {http.P50Ms} ms, p99 {http.P99Ms} ms |"));
        }

        if (r.CalibrationHttpDirect is { } direct)
        {
            md.AppendLine(Invariant($"| for reference, the same on node A without nginx | {direct.PerSecond:N0} per s | p50 {direct.P50Ms} ms, p99 {direct.P99Ms} ms |"));
        }

        md.AppendLine();
    }

    private static void Sustained(StringBuilder md, SustainedHoldsResult? s1, DatabaseCalibrationResult? db)
    {
        if (s1 is null)
        {
            return;
        }

        md.AppendLine(Invariant($"### S1: sustained holds ({s1.Clients} clients, {s1.Seconds:0} s, {s1.Seats:N0} seats)"));
        md.AppendLine();
        md.AppendLine(Invariant($"Each client (its own member and connection) holds 1-4 random seats and releases them on success. **{s1.SuccessfulHoldsPerSecond:N1} successful holds/s**{(db is null ? null : $" ({s1.SuccessfulHoldsPerSecond / db.BestPerSecond:0.####} × the calibration's {db.BestPerSecond:N0} UPDATEs/s)")}, {s1.CallsPerSecond:N1} calls/s (holds and releases)."));
        md.AppendLine();
        CallTable(md, [("hold", s1.Holds), ("release", s1.Releases)]);
        CpuTable(md, "CPU during S1", s1.Cpu, "call of the scenario (hold or release, either node)");
    }

    private static void Floor(StringBuilder md, SustainedHoldsResult? f1, SustainedHoldsResult? s1, DatabaseCalibrationResult? db)
    {
        if (f1 is null)
        {
            return;
        }

        md.AppendLine(Invariant($"### F1: S1's load against the least a hold can do ({f1.Clients} clients, {f1.Seconds:0} s)"));
        md.AppendLine();
        md.AppendLine("Two floor nodes (`bench/AtTicket.LoadBench/Floor`) behind the same nginx, on a copy of the same seats: a hold is one conditional UPDATE of its seats in a transaction (all or nothing, two round trips), a release one UPDATE, and each change one Redis script (INCR and PUBLISH). No sign-in, limits, hold row or answer read back: about the least S1's calls can cost on this machine (a hold decided in one round trip, by a procedure, was not tried).");
        md.AppendLine();
        md.AppendLine("| | successful holds/s | × calibration | calls/s | hold p50 | hold p99 | machine CPU ms per call |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (name, run) in new[] { ("F1 floor", f1), ("S1 the app", s1) })
        {
            if (run is not null)
            {
                var ratio = db is null ? "–" : Invariant($"{run.SuccessfulHoldsPerSecond / db.BestPerSecond:0.####} ×");
                md.AppendLine(Invariant($"| {name} | {run.SuccessfulHoldsPerSecond:N1} | {ratio} | {run.CallsPerSecond:N1} | {run.Holds.P50Ms} ms | {run.Holds.P99Ms} ms | {run.Cpu.Values.Sum(c => c.MsPerCall):0.00} |"));
            }
        }

        md.AppendLine();
        CallTable(md, [("hold", f1.Holds), ("release", f1.Releases)]);
        CpuTable(md, "CPU during F1", f1.Cpu, "call of the scenario (hold or release, either floor node)");
    }

    private static void SellOutSection(StringBuilder md, SellOutResult? s)
    {
        if (s is null)
        {
            return;
        }

        var a = s.Audit;
        md.AppendLine(Invariant($"### S1b: sell-out ({s.Buyers:N0} buyers, {s.Seats:N0} seats)"));
        md.AppendLine();
        md.AppendLine(Invariant($"All buyers start at once, each wanting 1-4 adjacent seats in a row drawn with a bias to the front (each row 0.85 × as wanted as the one before); a 409 marks the named seats taken and the buyer tries others; {s.PayingShare:P0} pay for their hold, the rest release it. ") +
            (s.SoldOutSeconds is { } t
                ? Invariant($"**Sold out in {t:N1} s**, {s.BookingsAnswered:N0} bookings, **{s.BookingsPerSecond:N1} bookings/s**; {s.BuyersWithSeats:N0} buyers got seats, {s.BuyersWithout:N0} did not.")
                : Invariant($"**Not sold out** within the run ({a.SeatsSold:N0} of {s.Seats:N0} seats sold, {s.Seconds:0} s).")));
        md.AppendLine();
        CallTable(md, [("hold", s.Holds), ("booking", s.Bookings), ("release", s.Releases)]);
        md.AppendLine("Read back from the database afterwards:");
        md.AppendLine();
        md.AppendLine("| counter | value |");
        md.AppendLine("|---|---|");
        md.AppendLine(Invariant($"| seats sold / held / available | {a.SeatsSold:N0} / {a.SeatsHeld:N0} / {a.SeatsAvailable:N0} |"));
        md.AppendLine(Invariant($"| confirmed bookings (buyers told 201) | {a.ConfirmedBookings:N0} ({s.BookingsAnswered:N0}) |"));
        md.AppendLine(Invariant($"| seats sold twice | {a.SeatsSoldTwice} |"));
        md.AppendLine(Invariant($"| seats sold without a confirmed booking | {a.SeatsSoldWithoutConfirmedBooking} |"));
        md.AppendLine(Invariant($"| confirmed bookings without all their seats | {a.ConfirmedBookingsMissingSeats} |"));
        md.AppendLine(Invariant($"| charges without a booking (paid, not confirmed, not refunded) | {a.ChargesWithoutBooking} |"));
        md.AppendLine(Invariant($"| checkouts left pending | {a.CheckoutsLeftPending} |"));
        md.AppendLine(Invariant($"| net captured vs confirmed totals (won) | {a.NetCaptured:N0} vs {a.ConfirmedTotal:N0} |"));
        md.AppendLine();
        md.AppendLine("The simulated gateway's books are shared by the nodes (a table of its own on MariaDB, ADR 0006) but not read here: the database's record of charges (a booking's payment reference) and refunds is what is checked, together with what the buyers were answered.");
        md.AppendLine();
    }

    private static void MailSection(StringBuilder md, MailLagResult? m)
    {
        if (m is null)
        {
            return;
        }

        md.AppendLine("### Mail after the sell-out (issue 10)");
        md.AppendLine();
        md.AppendLine(Invariant($"Every BookingConfirmed outbox row so far, through the dispatcher, the {m.Bus} bus and the mail worker of both nodes to the SMTP sink (aiosmtpd), read back from the database (outbox `OccurredAt` to delivery `SentAt`). **{m.Mailed:N0} of {m.Confirmations:N0} confirmation mails sent**, {m.Pending:N0} pending and {m.Failed:N0} failed when the scenario stopped ({m.WaitedSeconds:N1} s after the sell-out); **{m.MailsPerSecond:N1} mails/s**; booking to mail sent: p50 {m.LagP50Ms:N0} ms, **p99 {m.LagP99Ms:N0} ms**, max {m.LagMaxMs:N0} ms."));
        md.AppendLine();
    }

    private static void MailThroughputSection(StringBuilder md, IReadOnlyList<MailThroughputResult>? runs)
    {
        if (runs is not { Count: > 0 })
        {
            return;
        }

        md.AppendLine("### Mail: outbox throughput and lag (issue 10, M1)");
        md.AppendLine();
        md.AppendLine(Invariant($"{runs[0].Bookings:N0} buyers each hold one seat of their own on performances of the scenario's own and pay for it, {runs[0].Buyers} at a time, through nginx to both nodes. ") +
            "Each confirmation goes outbox → dispatcher → bus → mail worker (both nodes) → the SMTP sink (aiosmtpd writing a Maildir); the lag of one mail is its outbox `OccurredAt` (the booking's commit) to its delivery's `SentAt` (the sink accepted it), read from the database. " +
            "mails/s = mails ÷ (last mail sent − first booking committed). The sink's own ceiling is measured right after, with mails of the same shape on kept connections; load averages are the machine's (1, 5, 15 min) before the bookings and after the last mail.");
        md.AppendLine();
        md.AppendLine("| bus | bookings (s, /s) | mails sent / pending / failed | last mail after first booking | after last booking | **mails/s** | lag p50 | **lag p99** | max | sink alone: 1 / n connections | load before → after | run |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var m in runs)
        {
            md.AppendLine(Invariant($"| {m.Bus} | {m.Bookings:N0} ({m.BookingSeconds:N1} s, {m.BookingsPerSecond:N1}/s) | {m.Mailed:N0} / {m.Pending:N0} / {m.Failed:N0} | {m.LastMailAfterFirstBookingSeconds:N1} s | {m.LastMailAfterLastBookingSeconds:N1} s | **{m.MailsPerSecond:N1}** | {m.LagP50Ms:N0} ms | **{m.LagP99Ms:N0} ms** | {m.LagMaxMs:N0} ms | {m.Sink.OneConnectionPerSecond:N1} / {m.Sink.ParallelPerSecond:N1} per s ({m.Sink.Connections} conn., {m.Sink.MailBytes / 1024.0:N1} KiB mails) | {m.LoadAverageBefore} → {m.LoadAverageAfter} | {m.MeasuredAt:yyyy-MM-dd HH:mm} UTC |"));
        }

        md.AppendLine();
    }

    private static void ReadsSection(StringBuilder md, ReadsResult? s2, HttpRate? trivial)
    {
        if (s2 is null)
        {
            return;
        }

        md.AppendLine("### S2: reads");
        md.AppendLine();
        md.AppendLine("| endpoint (wrk through nginx) | req/s | × trivial | p50 | p99 | not 2xx |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var e in trivial is null ? s2.Endpoints : s2.Endpoints.Prepend(trivial))
        {
            md.AppendLine(Invariant($"| `GET {e.Path}` | {e.PerSecond:N0} | {(trivial is null ? "–" : e.RatioTo(trivial).ToString("0.###", CultureInfo.InvariantCulture))} | {e.P50Ms} ms | {e.P99Ms} ms | {e.NotOk + e.SocketErrors} |"));
        }

        md.AppendLine();
    }

    private static void FanOut(StringBuilder md, FanOutResult? s3)
    {
        if (s3 is null)
        {
            return;
        }

        md.AppendLine(Invariant($"### S3: live fan-out ({s3.Subscribers:N0} hub subscribers while S1's load runs for {s3.Seconds:0} s)"));
        md.AppendLine();
        md.AppendLine(Invariant($"Subscribers of `/hubs/seats` through nginx ({string.Join(", ", s3.ConnectionsPerNode.Select(n => $"{n.Value:N0} connections to {n.Key}"))}), connected in {s3.ConnectSeconds:N1} s. ") +
            Invariant($"{s3.Changes:N0} changes: **delivered/expected {s3.DeliveredRatio:0.####}** ({s3.Delivered:N0} of {s3.Expected:N0}), {s3.Resyncs:N0} Resync messages, {s3.Disconnected} subscribers disconnected. ") +
            "Change-to-receive " + string.Join("; ", s3.Delays.Select(d => Invariant($"from the {d.From} ({d.Samples:N0} deliveries): **p50 {d.P50Ms} ms, p99 {d.P99Ms} ms**, max {d.MaxMs:N0} ms"))) + ". " +
            "Each node's own publish-to-feed figures: " + string.Join("; ", s3.NodeFeeds.Select(n => Invariant($"{n.Node} p50 {n.P50Ms?.ToString("0.#", CultureInfo.InvariantCulture) ?? "?"} ms, p99 {n.P99Ms?.ToString("0.#", CultureInfo.InvariantCulture) ?? "?"} ms"))) + ".");
        md.AppendLine(Invariant($"Holds meanwhile: {s3.SuccessfulHoldsPerSecond:N1} successful/s, p50 {s3.Holds.P50Ms} ms, p99 {s3.Holds.P99Ms} ms."));
        md.AppendLine();
        CpuTable(md, "CPU during S3", s3.Cpu, "call of the scenario (hold or release, either node)");
    }

    private static void CircuitsSection(StringBuilder md, CircuitsResult? s4)
    {
        md.AppendLine("### S4: memory per seat-map circuit");
        md.AppendLine();
        if (s4 is null)
        {
            md.AppendLine("Not measured yet.");
            md.AppendLine();
            return;
        }

        md.AppendLine(Invariant($"Measured {s4.MeasuredAt:yyyy-MM-dd HH:mm} UTC on commit {s4.Commit}, by itself (no other scenario running; the load average, other work on the shared machine included, is in the table). ") +
            Invariant($"Real Blazor Server circuits on `{s4.Page}` ({s4.Seats:N0} seats), all on {s4.Node} directly, opened as blazor.web.js opens them (the prerendered page's component markers, `StartCircuit` and `UpdateRootComponents` over a \"blazorpack\" WebSocket; every render batch acknowledged, every JS call answered). ") +
            Invariant($"Memory is node A's after a full blocking GC that the benchmark triggers over EventPipe: the managed heap (live objects) and the resident set; per circuit = growth over the step without circuits ÷ circuits. ") +
            Invariant($"At each step {s4.ChangesPerStep} seat changes (holds of one seat and their releases, through nginx by one member), one at a time, each timed until its render batch, found by the seat's label with its new status, reached {s4.SampleSize} circuits spread over the open ones. ") +
            Invariant($"The page holds every change back {s4.BatchingMs:0} ms to batch it with others before rendering, so no render comes sooner; the limit is {s4.BatchingMs:0} + {s4.LimitMs:0} ms."));
        md.AppendLine();
        md.AppendLine("| circuits | GC heap | per circuit | resident set | per circuit | render after change p50 / p99 / max (from the API answer) | p99 from the call sent | seen | batch bytes per change and circuit | node A cores while changing | load average |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var step in s4.Steps)
        {
            var failed = step.FailedToOpen + step.Disconnected > 0 ? Invariant($" ({step.FailedToOpen} failed, {step.Disconnected} dropped)") : null;
            var render = step.FromAnswer is { } a ? Invariant($"{a.P50Ms:N0} / **{a.P99Ms:N0}** / {a.MaxMs:N0} ms") : "–";
            var fromSend = step.FromSend is { } f ? Invariant($"{f.P99Ms:N0} ms") : "–";
            md.AppendLine(Invariant($"| {step.Circuits:N0}{failed} | {Mib(step.Memory.GcHeapMiB)} | {Mib(step.GcHeapMiBPerCircuit)} | {Mib(step.Memory.WorkingSetMiB)} | {Mib(step.WorkingSetMiBPerCircuit)} | ") +
                Invariant($"{render} | {fromSend} | {step.Rendered:N0}/{step.Sampled:N0} | {step.BatchBytesPerChange?.ToString("N0", CultureInfo.InvariantCulture) ?? "–"} | {step.NodeCoresWhileChanging:0.00} | {step.LoadAverage} |"));
        }

        md.AppendLine();
        var largest = s4.Steps.LastOrDefault(st => st.GcHeapMiBPerCircuit is not null);
        md.AppendLine(
            (largest is null ? null : Invariant($"**About {largest.GcHeapMiBPerCircuit:0.##} MiB of managed heap ({largest.WorkingSetMiBPerCircuit:0.##} MiB resident) per open seat-map circuit** at {largest.Circuits:N0} circuits. ")) +
            (s4.FirstOverLimit is { } over
                ? Invariant($"**Render p99 passed {s4.BatchingMs:0} + {s4.LimitMs:0} ms at {over:N0} circuits**") + (s4.LastWithinLimit is { } within ? Invariant($" (within it at {within:N0}).") : " (the first step with circuits).")
                : Invariant($"Render p99 stayed within {s4.BatchingMs:0} + {s4.LimitMs:0} ms at every step.")) +
            $" The steps ended because {s4.StoppedBecause}." +
            (s4.AfterClosing is { } after ? Invariant($" After all circuits were closed (disconnect beacon, then the socket): GC heap {Mib(after.GcHeapMiB)}, resident set {Mib(after.WorkingSetMiB)}.") : null));
        md.AppendLine();
    }

    private static void WaitingLineSection(StringBuilder md, WaitingLineResult? q1)
    {
        if (q1 is null)
        {
            return;
        }

        md.AppendLine(Invariant($"### Q1: the waiting room's store ({q1.Members:N0} members in one line, {q1.Concurrency} calls at once, issue 13)"));
        md.AppendLine();
        md.AppendLine(Invariant($"Measured {q1.MeasuredAt:yyyy-MM-dd HH:mm} UTC on commit {q1.Commit}, by itself, on the store every node shares (Redis scripts through the app's own class), beside the one Redis command each script is built on, sent the same way in the same run. The HTTP endpoints add what every authenticated API call costs (see S2)."));
        md.AppendLine();
        md.AppendLine("| call | per s | ratio to raw | p50 | p99 |");
        md.AppendLine("|---|---|---|---|---|");
        Row("raw `ZADD NX`", q1.RawJoins, null);
        Row("**join** (script: place check, append, expiry of 8 keys)", q1.Joins, q1.RawJoins);
        Row("raw `ZRANK`", q1.RawPlaceChecks, null);
        Row("**place check** (script: admitted?, rank, last seen, measured pace)", q1.PlaceChecks, q1.RawPlaceChecks);
        md.AppendLine();
        md.AppendLine(Invariant($"Redis memory per waiting member: **{q1.RedisBytesPerMember:N0} bytes** (a million waiting members: about {q1.RedisBytesPerMember * 1_000_000 / 1024 / 1024:N0} MiB). A waiting page holds no circuit on the server: it asks its place over HTTP every few seconds, so a waiting member holds no connection or circuit on a node between asks (what it leaves in a node's caches: below)."));
        md.AppendLine();
        if (q1.Http is { } http)
        {
            WaitingPagesOverHttp(md, http);
        }

        md.AppendLine(Invariant($"Admission accuracy: {q1.Nodes} nodes advancing the line every second for {q1.AdmissionSeconds:0.#} s at {q1.AdmitPerMinute:N0} members a minute admitted **{q1.Admitted:N0} ({q1.AdmittedPerMinute:N1} a minute, {q1.AdmittedPerMinute / q1.AdmitPerMinute:0.###} × the rate)**, {(q1.AdmittedInJoinOrder ? "exactly the first members in join order" : "NOT in join order")}."));
        md.AppendLine();

        void Row(string name, CallStats s, CallStats? raw) =>
            md.AppendLine(Invariant($"| {name} | {s.PerSecond:N0} | {(raw is null ? "1" : (s.PerSecond / raw.PerSecond).ToString("0.##", CultureInfo.InvariantCulture))} | {s.P50Ms} ms | {s.P99Ms} ms |"));
    }

    private static void WaitingPagesOverHttp(StringBuilder md, WaitingPagesResult http)
    {
        md.AppendLine(Invariant($"Over HTTP, on {http.Node} directly ({http.Members:N0} members in a paused line, {http.Connections} connections, the same client and time for both rows):"));
        md.AppendLine();
        md.AppendLine("| call | per s | ratio | p50 | p99 | node CPU per call |");
        md.AppendLine("|---|---|---|---|---|---|");
        md.AppendLine(Invariant($"| `/health/live` | {http.Trivial.PerSecond:N0} | 1 | {http.Trivial.P50Ms} ms | {http.Trivial.P99Ms} ms | {http.TrivialNodeCpu.MsPerCall} ms |"));
        md.AppendLine(Invariant($"| **place check** `GET …/queue` (bearer) | {http.PlaceChecks.PerSecond:N0} | {http.PlaceChecks.PerSecond / http.Trivial.PerSecond:0.##} | {http.PlaceChecks.P50Ms} ms | {http.PlaceChecks.P99Ms} ms | {http.PlaceNodeCpu.MsPerCall} ms |"));
        md.AppendLine();
        var statuses = string.Join(", ", http.PlaceChecks.Statuses.Select(s => $"{s.Key}: {s.Value:N0}"));
        md.AppendLine(Invariant($"Place-check answers: {statuses}. Node A's managed heap after a full GC: {Mib(http.HeapBeforeMiB)} before the joins, {Mib(http.HeapAfterMiB)} after the joins and polls: **{http.HeapBytesPerMember:N0} bytes per waiting member**."));
        md.AppendLine();
    }

    private static string Mib(double? value) => value is { } v ? (Math.Abs(v) < 10 ? v.ToString("0.##", CultureInfo.InvariantCulture) : v.ToString("N0", CultureInfo.InvariantCulture)) + " MiB" : "–";

    private static void Profile(StringBuilder md, ProfileResult? profile, SustainedHoldsResult? s1)
    {
        md.AppendLine("### Profile (measured by the run)");
        md.AppendLine();
        if (profile is not null)
        {
            md.AppendLine("One call at a time, nothing else running (performance_schema's statement history of the last call of each kind; Redis INFO commandstats over all of them):");
            md.AppendLine();
            md.AppendLine("| operation | p50 alone | SQL statements | database round trips (est.) | time in MariaDB | Redis commands per call |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var o in profile.Operations)
            {
                md.AppendLine(Invariant($"| {o.Operation} | {o.P50Ms} ms | {o.Statements} | {o.RoundTrips} | {o.ServerMs} ms | {string.Join(", ", o.RedisCommandsPerCall.Select(c => $"{c.Key} × {c.Value}"))} |"));
            }

            md.AppendLine();
            md.AppendLine(Invariant($"Round trips are estimated from the statement history: a statement that starts less than {OperationProfile.PipelinedGapMs} ms after the previous one ended went in the same packet (a connection reset with `SET NAMES`, or a batch)."));

            md.AppendLine();
            foreach (var o in profile.Operations)
            {
                md.AppendLine($"<details><summary>The statements of one {o.Operation}, in order (gap = time since the previous statement ended: the app and the network)</summary>");
                md.AppendLine();
                md.AppendLine("| # | gap | in MariaDB | rows | statement |");
                md.AppendLine("|---|---|---|---|---|");
                var i = 0;
                foreach (var s in o.StatementsOfOne)
                {
                    md.AppendLine(Invariant($"| {++i} | {s.GapBeforeMs:0.###} ms | {s.ServerMs:0.###} ms | {s.RowsAffected} | `{s.Statement.Replace("|", "\\|", StringComparison.Ordinal)}` |"));
                }

                md.AppendLine();
                md.AppendLine("</details>");
                md.AppendLine();
            }
        }

        if (s1 is { DatabaseStatements.Count: > 0 })
        {
            var held = s1.Holds.Statuses.GetValueOrDefault("201");
            md.AppendLine(Invariant($"MariaDB's busiest statements during S1 (performance_schema digests; per successful hold = count ÷ {held:N0}):"));
            md.AppendLine();
            md.AppendLine("| statement | count | per successful hold | total time in MariaDB | rows examined per run | rows changed per run | lock wait |");
            md.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var d in s1.DatabaseStatements.Take(12))
            {
                md.AppendLine(Invariant($"| `{d.Digest.Replace("|", "\\|", StringComparison.Ordinal)}` | {d.Count:N0} | {(held > 0 ? d.Count / (double)held : 0):0.##} | {d.TotalMs / 1000:N1} s | {(d.Count > 0 ? d.RowsExamined / (double)d.Count : 0):0.#} | {(d.Count > 0 ? d.RowsAffected / (double)d.Count : 0):0.#} | {d.LockMs / 1000:N1} s |"));
            }

            md.AppendLine();
        }
    }

    private static void CallTable(StringBuilder md, IEnumerable<(string Name, CallStats Stats)> calls)
    {
        md.AppendLine("| call | count | per s | p50 | p95 | p99 | max | answers |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (name, c) in calls)
        {
            md.AppendLine(Invariant($"| {name} | {c.Calls:N0} | {c.PerSecond:N1} | {c.P50Ms} ms | {c.P95Ms} ms | {c.P99Ms} ms | {c.MaxMs:N0} ms | {string.Join(", ", c.Statuses.Select(s => $"{s.Key}: {s.Value:N0}"))} |"));
        }

        md.AppendLine();
    }

    private static void CpuTable(StringBuilder md, string title, IReadOnlyDictionary<string, CpuUse> cpu, string per)
    {
        md.AppendLine($"| {title} | cores used | CPU ms per {per} |");
        md.AppendLine("|---|---|---|");
        foreach (var (name, use) in cpu)
        {
            md.AppendLine(Invariant($"| {name} | {use.Cores:0.00} | {use.MsPerCall:0.00} |"));
        }

        md.AppendLine();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
