namespace AtTicket.Web.Components.Performances;

/// <summary>What best-available is asked for: a grade, how many seats, and whether accessible places may be among them.</summary>
public sealed record BestAvailableChoice(int GradeId, int Quantity, bool IncludeAccessible = false);
