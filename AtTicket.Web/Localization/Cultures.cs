using Microsoft.AspNetCore.Localization;

namespace AtTicket.Web.Localization;

public static class Cultures
{
    public static readonly string[] Supported = ["en", "ko"];

    public static RequestLocalizationOptions LocalizationOptions()
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture("en")
            .AddSupportedCultures(Supported)
            .AddSupportedUICultures(Supported);

        // Query string, then cookie, then the browser's Accept-Language.
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }

    public static bool IsKorean(CultureInfo culture) => Formats.IsKorean(culture);
}
