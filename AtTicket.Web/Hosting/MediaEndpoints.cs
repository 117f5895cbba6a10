using AtTicket.Infrastructure.Media;

namespace AtTicket.Web.Hosting;

public static class MediaEndpoints
{
    public static void MapMediaEndpoints(this WebApplication app)
    {
        // An uploaded poster never changes (a new upload gets a new id), so browsers may keep it for a year.
        app.MapGet("/media/posters/{id:guid}", async (Guid id, PosterStore posters, HttpContext http) =>
        {
            var poster = await posters.FindAsync(id);
            if (poster is null)
            {
                return Results.NotFound();
            }

            // Stored posters are re-encoded pixels (nosniff comes with every answer); opened as a document, one runs nothing.
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            return Results.File(poster.Content, poster.ContentType);
        }).ExcludeFromDescription();
    }
}
