namespace AtTicket.Domain.Catalog;

/// <summary>Something people buy tickets for: a concert, a musical or a movie.</summary>
public class Product
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    /// <summary>How the sale dates are named in <see cref="DateWindow"/>'s sentence, for forms checking before saving.</summary>
    public const RuleSubject SalesStartSubject = RuleSubject.SalesStart;
    public const RuleSubject SalesEndSubject = RuleSubject.SalesEnd;

    private Product()
    {
        Title = string.Empty;
        Description = string.Empty;
        TitleKo = string.Empty;
        DescriptionKo = string.Empty;
    }

    public Product(ProductTerms terms)
        : this()
    {
        Update(terms);
    }

    public int Id { get; private set; }
    public string Title { get; private set; }
    public ProductCategory Category { get; private set; }
    public string Description { get; private set; }

    /// <summary>The title for Korean readers; empty when the default title serves them too.</summary>
    public string TitleKo { get; private set; }

    public string DescriptionKo { get; private set; }
    public string? PosterUrl { get; private set; }
    public int RunningMinutes { get; private set; }
    public string AgeRating { get; private set; } = "All";
    public DateTimeOffset SalesStart { get; private set; }
    public DateTimeOffset SalesEnd { get; private set; }
    public ProductStatus Status { get; private set; } = ProductStatus.Draft;

    public void Update(ProductTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);

        // Check everything before changing anything, so a refused update leaves the product as it was.
        Guard.That(Enum.IsDefined(terms.Category), new Refusal(RefusalCode.ProductCategoryUnknown, "The category is unknown."));
        Guard.That(terms.RunningMinutes is > 0 and <= 24 * 60, new Refusal(RefusalCode.RunningTimeOutOfRange, "The running time must be between 1 minute and 24 hours."));
        DateWindow.Check(terms.SalesStart, SalesStartSubject);
        DateWindow.Check(terms.SalesEnd, SalesEndSubject);
        Guard.That(terms.SalesStart < terms.SalesEnd, new Refusal(RefusalCode.SalesEndBeforeStart, "The sale period must end after it starts."), "salesStart", "salesEnd");
        var checkedTitle = Guard.Text(terms.Title, RuleSubject.Title, TitleMaxLength);
        var checkedDescription = CheckDescription(terms.Description, RuleSubject.Description);
        var checkedAgeRating = Guard.Text(terms.AgeRating, RuleSubject.AgeRating, 20);

        Title = checkedTitle;
        Category = terms.Category;
        Description = checkedDescription;
        RunningMinutes = terms.RunningMinutes;
        AgeRating = checkedAgeRating;
        SalesStart = terms.SalesStart;
        SalesEnd = terms.SalesEnd;
    }

    /// <summary>The Korean title and description, both optional and checked like the default ones.</summary>
    public void SetKoreanText(string? title, string? description)
    {
        var checkedTitle = CheckKoreanTitle(title);
        var checkedDescription = CheckKoreanDescription(description);
        TitleKo = checkedTitle;
        DescriptionKo = checkedDescription;
    }

    /// <summary>The Korean title trimmed, or a <see cref="DomainException"/> saying what is wrong with it.</summary>
    public static string CheckKoreanTitle(string? title) => Guard.OptionalText(title, RuleSubject.KoreanTitle, TitleMaxLength);

    public static string CheckKoreanDescription(string? description) => CheckDescription(description, RuleSubject.KoreanDescription);

    public void SetPoster(string? posterUrl) => PosterUrl = PosterAddress.Check(posterUrl);

    /// <summary>Draft or Closed to OnSale: the moment subscribers are told.</summary>
    public void PutOnSale()
    {
        Guard.That(Status != ProductStatus.OnSale, new Refusal(RefusalCode.ProductAlreadyOnSale, "The product is already on sale."));
        Status = ProductStatus.OnSale;
    }

    public void Close()
    {
        Guard.That(Status == ProductStatus.OnSale, new Refusal(RefusalCode.ProductNotOnSaleToClose, "Only a product on sale can be closed."));
        Status = ProductStatus.Closed;
    }

    /// <summary>The status an admin chose: on sale, or closed; a product never goes back to draft.</summary>
    public void MoveTo(ProductStatus target)
    {
        if (Status == target)
        {
            return;
        }

        switch (target)
        {
            case ProductStatus.OnSale:
                PutOnSale();
                break;
            case ProductStatus.Closed:
                Close();
                break;
            default:
                throw new DomainException(new Refusal(RefusalCode.ProductBackToDraft, "A product cannot go back to draft once it has been on sale."));
        }
    }

    private static string CheckDescription(string? description, RuleSubject what)
    {
        var trimmed = (description ?? string.Empty).Trim();
        Guard.That(trimmed.Length <= DescriptionMaxLength, Guard.TooLong(what, DescriptionMaxLength));
        Guard.That(Guard.IsPlain(trimmed, allowLineBreaks: true), Guard.NotPlain(what));
        return trimmed;
    }
}
