namespace AtTicket.Web.Api;

/// <summary>The problem answers the API gives besides validation errors.</summary>
internal static class Problems
{
    public static IResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"There is no {what} with that id.");

    public static IResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: detail, extensions: extensions);
}
