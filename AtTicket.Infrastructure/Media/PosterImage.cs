namespace AtTicket.Infrastructure.Media;

/// <summary>
/// An uploaded poster. Stored in the database rather than on a node's disk, so every web node
/// serves the same image; it is small (at most <see cref="PosterRules.MaxBytes"/>) and cached by browsers.
/// </summary>
public sealed class PosterImage
{
    private PosterImage()
    {
        ContentType = string.Empty;
        Content = [];
    }

    public PosterImage(Guid id, string contentType, byte[] content, DateTimeOffset uploadedAt)
    {
        Id = id;
        ContentType = contentType;
        Content = content;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }
    public string ContentType { get; private set; }
    public byte[] Content { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }

    public string Url => $"/media/posters/{Id:N}";
}
