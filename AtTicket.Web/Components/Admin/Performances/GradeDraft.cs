namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>
/// A seat grade while an admin edits it. A saved grade keeps its id so that saving changes it in
/// place; the painter tells grades apart by reference, so two drafts may briefly share a name.
/// </summary>
public sealed class GradeDraft(int? gradeId, string name, long price, string color)
{
    public int? GradeId { get; } = gradeId;

    public string Name { get; set; } = name;

    /// <summary>Whole KRW.</summary>
    public long Price { get; set; } = price;

    /// <summary>CSS colour as #rrggbb.</summary>
    public string Color { get; set; } = color;
}
