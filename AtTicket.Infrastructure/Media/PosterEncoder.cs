using SkiaSharp;

namespace AtTicket.Infrastructure.Media;

/// <summary>An image as it is stored and served: freshly encoded pixels and their content type.</summary>
public sealed record EncodedPoster(string ContentType, byte[] Content, int Width, int Height);

/// <summary>
/// Decodes an upload and encodes its pixels afresh (SkiaSharp), so what is stored holds nothing the
/// uploader wrote but pixels: no trailing bytes after the image, no text or EXIF chunks, no colour
/// profile. A file that only starts like an image (a PNG header followed by HTML) comes out as the
/// image alone, or is refused when it does not decode. The format stays (PNG keeps transparency,
/// photos stay JPEG or WebP); a JPEG's EXIF orientation is applied to the pixels, since the tag that
/// carried it is dropped.
/// </summary>
public static class PosterEncoder
{
    private const int PhotoQuality = 90;

    public static EncodedPoster Reencode(byte[] upload)
    {
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data) ?? throw new DomainException(PosterRules.NotAnImage);
        var (contentType, format) = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => ("image/png", SKEncodedImageFormat.Png),
            SKEncodedImageFormat.Jpeg => ("image/jpeg", SKEncodedImageFormat.Jpeg),
            SKEncodedImageFormat.Webp => ("image/webp", SKEncodedImageFormat.Webp),
            _ => throw new DomainException(PosterRules.NotAnImage),
        };

        var size = codec.Info;
        if (size.Width <= 0 || size.Height <= 0)
        {
            throw new DomainException(PosterRules.NotAnImage);
        }

        if (size.Width > PosterRules.MaxSide || size.Height > PosterRules.MaxSide)
        {
            throw new DomainException(PosterRules.TooManyPixels);
        }

        // No colour space: the encoder then writes no ICC profile either.
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, colorspace: null);
        using var decoded = new SKBitmap(info);
        if (codec.GetPixels(info, decoded.GetPixels()) != SKCodecResult.Success)
        {
            throw new DomainException(PosterRules.Damaged);
        }

        using var turned = codec.EncodedOrigin == SKEncodedOrigin.TopLeft ? null : Orient(decoded, codec.EncodedOrigin);
        var upright = turned ?? decoded;
        using var image = SKImage.FromBitmap(upright);
        using var encoded = image.Encode(format, format == SKEncodedImageFormat.Png ? 100 : PhotoQuality)
            ?? throw new DomainException(PosterRules.Damaged);
        return new EncodedPoster(contentType, encoded.ToArray(), upright.Width, upright.Height);
    }

    /// <summary>The pixels turned the way the EXIF origin says they are meant to be seen.</summary>
    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var (w, h) = (bitmap.Width, bitmap.Height);
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(new SKImageInfo(swaps ? h : w, swaps ? w : h, bitmap.ColorType, bitmap.AlphaType));
        using var canvas = new SKCanvas(result);
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        using var source = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(source, 0, 0, SKSamplingOptions.Default);
        return result;
    }
}
