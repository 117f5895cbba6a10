using AtTicket.Domain.Catalog;

namespace AtTicket.Domain.Members;

/// <summary>What a member wants to hear about. Keyed by the Identity user id.</summary>
public class MemberPreferences
{
    private MemberPreferences()
    {
        MemberId = string.Empty;
        Categories = [];
    }

    public MemberPreferences(string memberId)
        : this()
    {
        Guard.That(!string.IsNullOrWhiteSpace(memberId), new Refusal(RefusalCode.PreferencesNeedMember, "Preferences need a member."));
        MemberId = memberId;
    }

    public string MemberId { get; private set; }
    public bool NotifyOnNewProducts { get; private set; }
    public List<ProductCategory> Categories { get; private set; }
    public string? Culture { get; private set; }

    public void Subscribe(IEnumerable<ProductCategory> categories)
    {
        var chosen = categories.Distinct().Order().ToList();
        Guard.That(chosen.All(Enum.IsDefined), new Refusal(RefusalCode.PreferenceCategoryUnknown, "A category is unknown."));
        Categories = chosen;
        NotifyOnNewProducts = Categories.Count > 0;
    }

    public void Unsubscribe()
    {
        Categories = [];
        NotifyOnNewProducts = false;
    }

    /// <summary>Stops one category's alerts; the others stay, and with none left mail is off.</summary>
    public void Unsubscribe(ProductCategory category) => Subscribe(Categories.Where(c => c != category));

    /// <summary>
    /// The member chose a language: on the preferences page, or by switching the site's language (the
    /// latest choice wins, so mail follows the language they now read the site in).
    /// </summary>
    public void PreferCulture(string? culture) => Culture = culture is "en" or "ko" ? culture : null;

    /// <summary>
    /// The language of a page the member merely arrived on (signing in with a browser's default), kept
    /// only while no language is stored: arriving is not choosing, so it never overwrites a choice.
    /// </summary>
    public void AdoptCulture(string? culture)
    {
        if (Culture is null)
        {
            PreferCulture(culture);
        }
    }

    public bool WantsToHearAbout(ProductCategory category) => NotifyOnNewProducts && Categories.Contains(category);
}
