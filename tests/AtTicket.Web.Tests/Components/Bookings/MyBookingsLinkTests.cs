using AtTicket.Infrastructure.Identity;
using AtTicket.Web.Components.Layout;
using Bunit;
using Bunit.TestDoubles;

namespace AtTicket.Web.Tests.Components.Bookings;

/// <summary>The navigation leads signed-in members to their bookings.</summary>
public sealed class MyBookingsLinkTests : BunitContext
{
    private readonly BunitAuthorizationContext _auth;

    public MyBookingsLinkTests()
    {
        this.AddAppServices();
        _auth = AddAuthorization();
    }

    [Fact]
    public void A_signed_in_member_sees_My_bookings()
    {
        using var english = new CultureScope("en");
        _auth.SetAuthorized("minji@atticket.local").SetRoles(Roles.Customer);

        var menu = Render<NavMenu>();

        Assert.Equal("My bookings", Assert.Single(menu.FindAll("a[href='/bookings']")).TextContent.Trim());
    }

    [Fact]
    public void An_anonymous_visitor_does_not()
    {
        _auth.SetNotAuthorized();

        var menu = Render<NavMenu>();

        Assert.Empty(menu.FindAll("a[href='/bookings']"));
    }
}
