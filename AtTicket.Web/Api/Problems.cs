namespace AtTicket.Web.Api;

/// <summary>The problem answers the API gives besides validation errors.</summary>
internal static class Problems
{
    public static IResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"There is no {what} with that id.");

    /// <summary>
    /// A 400 naming every field whose domain check throws, or null when all pass: for optional fields a caller
    /// should see by name, which a rule broken inside the entity would not give.
    /// </summary>
    public static IResult? FieldRules(params (string Field, Action Check)[] checks)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, check) in checks)
        {
            try
            {
                check();
            }
            catch (Domain.Common.DomainException broken)
            {
                errors[field] = [broken.Message];
            }
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    public static IResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: detail, extensions: extensions);
}
