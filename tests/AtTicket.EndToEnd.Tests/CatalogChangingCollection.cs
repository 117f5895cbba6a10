namespace AtTicket.EndToEnd.Tests;

/// <summary>
/// Tests that add to the shared demo catalog (a product on sale, a hall, a performance). Other
/// tests count the seeded catalog (six products on sale on the home page and the dashboard), so
/// these run on their own, after every parallel test has finished, and put back what they
/// changed that others count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CatalogChangingCollection
{
    public const string Name = "Changes the shared catalog";
}
