namespace AtTicket.Infrastructure.Seeding;

/// <summary>Fills an empty catalog with venues, products and performances over the coming weeks.</summary>
public sealed class DemoDataSeeder(IDbContextFactory<AtTicketDbContext> contexts, TimeProvider time, ILogger<DemoDataSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Products.AnyAsync(cancellationToken))
        {
            return;
        }

        // All or nothing: a half-seeded catalog would never be completed, because seeding skips a non-empty one.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var venues = DemoVenues.Create();
        db.Venues.AddRange(venues);
        await db.SaveChangesAsync(cancellationToken);
        var halls = venues.SelectMany(v => v.Halls).ToDictionary(h => h.Name);

        var now = time.GetUtcNow();
        var today = now.ToOffset(DemoProducts.Kst).Date;
        var performances = new List<Performance>();
        foreach (var spec in DemoProducts.All)
        {
            var starts = spec.Shows.Select(s => new DateTimeOffset(today.AddDays(s.DaysFromToday) + s.LocalTime, DemoProducts.Kst)).ToList();
            var salesEnd = starts.Count > 0 ? starts.Max() : now.AddDays(60);
            var product = new Product(new ProductTerms(spec.Title, spec.Category, spec.Description, spec.RunningMinutes, spec.AgeRating, now.AddDays(-7), salesEnd));
            product.SetKoreanText(spec.TitleKo, spec.DescriptionKo);
            product.SetPoster($"/posters/{spec.PosterSlug}.svg");
            if (spec.OnSale)
            {
                product.PutOnSale();
            }

            db.Products.Add(product);
            foreach (var startsAt in starts)
            {
                var performance = new Performance(product, halls[spec.Hall], startsAt);
                foreach (var grade in DemoProducts.GradesFor(spec.Hall))
                {
                    performance.AddGrade(grade.Name, grade.Price, grade.Color);
                }

                performances.Add(performance);
            }
        }

        db.Performances.AddRange(performances);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var performance in performances)
        {
            await CreateInventoryAsync(db, performance, halls[performance.Hall!.Name], cancellationToken);
            var unmapped = await db.PerformanceSeats.CountAsync(s => s.PerformanceId == performance.Id && s.GradeId == null, cancellationToken);
            if (performance.Product!.Status == ProductStatus.OnSale)
            {
                performance.PutOnSale(unmapped);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Seeded demo data: {Venues} venues, {Products} products, {Performances} performances",
            venues.Count,
            DemoProducts.All.Count,
            performances.Count);
    }

    private static async Task CreateInventoryAsync(AtTicketDbContext db, Performance performance, Hall hall, CancellationToken cancellationToken)
    {
        await PerformanceSeatWriter.CreateSeatsAsync(db, performance.Id, hall.Id, cancellationToken);
        var unassigned = hall.Seats.ToList();
        foreach (var spec in DemoProducts.GradesFor(hall.Name))
        {
            var grade = performance.Grades.Single(g => g.Name == spec.Name);
            var covered = unassigned.Where(spec.Covers).ToList();
            await PerformanceSeatWriter.AssignGradeAsync(db, performance.Id, grade.Id, covered.Select(s => s.Id), cancellationToken);
            unassigned = [.. unassigned.Except(covered)];
        }
    }
}
