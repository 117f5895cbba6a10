using System.Globalization;
using AtTicket.Domain.Catalog;
using AtTicket.Infrastructure.Mail.Alerts;

namespace AtTicket.Infrastructure.Tests.Mail.Alerts;

/// <summary>The alert's English and Korean texts stay in step.</summary>
public sealed class AlertTextTests
{
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko");

    [Fact]
    public void English_and_Korean_have_the_same_keys()
    {
        Assert.Equal(AlertText.Keys(CultureInfo.InvariantCulture).Order(), AlertText.Keys(Korean).Order());
    }

    [Fact]
    public void Every_category_has_a_korean_name()
    {
        var text = new AlertText(Korean);

        Assert.All(Enum.GetNames<ProductCategory>(), name => Assert.NotEqual(name, text[name]));
    }
}
