using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AtTicket.Web.Components.Catalog;

public partial class ProductPage
{
    private ProductDetail? _product;
    private IReadOnlyDictionary<int, IReadOnlyList<GradeAvailability>> _remaining = new Dictionary<int, IReadOnlyList<GradeAvailability>>();

    [Parameter]
    public int Id { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private CatalogReader Catalog { get; set; } = default!;

    [Inject]
    private SeatAvailabilityReader Availability { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        _product = await Catalog.GetProductAsync(Id, includeUnpublished: user.IsInRole(Roles.Admin));
        if (_product is null)
        {
            Navigation.NotFound();
            return;
        }

        // Remaining seats for every listed performance in one grouped query; never from the cache.
        _remaining = await Availability.GetRemainingAsync([.. _product.Performances.Select(p => p.Id)]);
    }

    private IReadOnlyList<GradeAvailability> RemainingFor(int performanceId) => _remaining.GetValueOrDefault(performanceId) ?? [];
}
