namespace AtTicket.Infrastructure.Media;

/// <summary>What an uploaded poster may be: a PNG, JPEG or WebP image of at most 2 MB and 4096 × 4096 pixels.</summary>
public static class PosterRules
{
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>Each side at most this many pixels: decoding is refused before a crafted header can ask for gigabytes.</summary>
    public const int MaxSide = 4096;

    public static Refusal Empty => new(RefusalCode.PosterEmpty, "The poster file is empty.");

    public static Refusal NotAnImage => new(RefusalCode.PosterNotAnImage, "The poster must be a PNG, JPEG or WebP image.");

    public static Refusal Damaged => new(RefusalCode.PosterDamaged, "The poster image is damaged or incomplete.");

    public static Refusal TooLarge => new(RefusalCode.PosterTooLarge, $"The poster must be at most {MaxBytes / 1024 / 1024} MB.", MaxBytes / 1024 / 1024);

    public static Refusal TooManyPixels => new(RefusalCode.PosterTooManyPixels, $"The poster must be at most {MaxSide} × {MaxSide} pixels.", MaxSide, MaxSide);
}
