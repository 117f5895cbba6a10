namespace AtTicket.Web.Components.Admin.Products;

/// <summary>Creates a product (/admin/products/new) or edits one (/admin/products/{id}).</summary>
public partial class ProductEditor(ProductAdminService products, TimeProvider time, NavigationManager navigation, ISnackbar snackbar)
{
    private MudForm? _form;
    private ProductFormModel? _model;
    private ProductStatus? _savedStatus;
    private bool _loading = true;
    private bool _saving;
    private string? _error;
    private string _savedTitle = string.Empty;
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter]
    public int? Id { get; set; }

    private string Heading => Id is null ? L["New product"].Value : _model is null && !_loading ? L["Product not found"] : L["Edit {0}", _savedTitle];

    private bool GoesOnSale => _model?.Status == ProductStatus.OnSale && _savedStatus != ProductStatus.OnSale;

    /// <summary>The usual ratings, plus the product's own when it was saved with another one.</summary>
    private IEnumerable<string> AgeRatingChoices =>
        _model?.AgeRating is { Length: > 0 } current && !ProductLabels.AgeRatings.Contains(current)
            ? [.. ProductLabels.AgeRatings, current]
            : ProductLabels.AgeRatings;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _error = null;
        if (Id is { } id)
        {
            var product = await products.FindAsync(id);
            _model = product is null ? null : ProductFormModel.From(product);
            _savedStatus = product?.Status;
            _savedTitle = product?.Title ?? string.Empty;
        }
        else
        {
            _model = ProductFormModel.New(time.GetUtcNow());
            _savedStatus = null;
        }

        _breadcrumbs = [new(L["Products"], "/admin/products"), new(Heading, href: null, disabled: true)];
        _loading = false;
    }

    private async Task SaveAsync()
    {
        if (_form is null || _model is null)
        {
            return;
        }

        _error = null;
        await _form.ValidateAsync();
        if (!_form.IsValid)
        {
            return;
        }

        _saving = true;
        try
        {
            var input = _model.ToInput();
            if (Id is { } id && !await products.UpdateAsync(id, input))
            {
                _error = L["This product does not exist any more. It may have been deleted."];
                return;
            }

            if (Id is null)
            {
                await products.CreateAsync(input);
            }

            snackbar.Add(L["Saved {0}.", ShowText.ForReader(input.Terms.Title, input.TitleKo).Trim()], Severity.Success);
            navigation.NavigateTo("/admin/products");
        }
        catch (DomainException exception)
        {
            // The domain's sentence, in the admin's language when the resources have it.
            _error = L.Localize(exception);
        }
        finally
        {
            _saving = false;
        }
    }

    private string? ValidateTitle(string? title) =>
        title is null ? null
        : title.Trim().Length > Product.TitleMaxLength ? L["The title must be at most {0} characters.", Product.TitleMaxLength].Value
        : !Guard.IsPlain(title, allowLineBreaks: false) ? L["The title must not contain control or text-direction override characters."].Value
        : null;

    private string? ValidateDescription(string? description) =>
        description is null ? null
        : description.Trim().Length > Product.DescriptionMaxLength ? L["The description must be at most {0} characters.", Product.DescriptionMaxLength].Value
        : !Guard.IsPlain(description, allowLineBreaks: true) ? L["The description must not contain control or text-direction override characters."].Value
        : null;

    private string? ValidateRunningMinutes(int? minutes) =>
        minutes is { } value && (value < 1 || value > ProductFormModel.MaxRunningMinutes)
            ? L["The running time must be between 1 and {0} minutes.", ProductFormModel.MaxRunningMinutes].Value
            : null;

    private string? ValidateDate(DateTime? date) => date is null ? L["Choose a date."].Value : OutsideWindow(date.Value, Product.SalesStartSubject);

    private string? ValidateTime(TimeSpan? chosen) => chosen is null ? L["Choose a time."].Value : null;

    private string? ValidateEndDate(DateTime? date)
    {
        if (date is null)
        {
            return L["Choose a date."].Value;
        }

        if (OutsideWindow(date.Value, Product.SalesEndSubject) is { } outside)
        {
            return outside;
        }

        var end = ProductFormModel.KoreaTime(date, _model?.SalesEndTime);
        return end is not null && _model?.SalesStart is { } start && end <= start
            ? L["The sale period must end after it starts."].Value
            : null;
    }

    /// <summary>The domain's date window, checked on the day as typed (a day in year 1 or 9999 has no Korea-time instant).</summary>
    private string? OutsideWindow(DateTime day, RuleSubject what) =>
        DateWindow.Problem(new DateTimeOffset(DateTime.SpecifyKind(day.Date, DateTimeKind.Unspecified), TimeSpan.Zero), what) is { } problem
            ? L.Localize(problem)
            : null;
}
