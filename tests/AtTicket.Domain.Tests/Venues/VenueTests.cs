using AtTicket.Domain.Common;
using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Tests.Venues;

public class VenueTests
{
    [Fact]
    public void A_new_venue_keeps_its_name_and_address_trimmed()
    {
        var venue = new Venue("  Blue Square ", " 294 Itaewon-ro ");

        Assert.Equal("Blue Square", venue.Name);
        Assert.Equal("294 Itaewon-ro", venue.Address);
        Assert.Empty(venue.Halls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Venue_name_is_required(string? name)
    {
        Assert.Throws<DomainException>(() => new Venue(name!, "Seoul"));
    }

    [Fact]
    public void Venue_name_longer_than_120_characters_is_refused()
    {
        Assert.Throws<DomainException>(() => new Venue(new string('v', 121), "Seoul"));
    }

    [Fact]
    public void Missing_address_becomes_empty()
    {
        var venue = new Venue("Blue Square", null!);

        Assert.Equal(string.Empty, venue.Address);
    }

    [Fact]
    public void Rename_changes_name_and_address()
    {
        var venue = new Venue("Blue Square", "Seoul");

        venue.Rename("Charlotte Theater", "Songpa-gu, Seoul");

        Assert.Equal("Charlotte Theater", venue.Name);
        Assert.Equal("Songpa-gu, Seoul", venue.Address);
    }

    [Fact]
    public void Rename_to_a_blank_name_is_refused_and_keeps_the_venue_unchanged()
    {
        var venue = new Venue("Blue Square", "Seoul");

        Assert.Throws<DomainException>(() => venue.Rename(" ", "Busan"));

        Assert.Equal("Blue Square", venue.Name);
        Assert.Equal("Seoul", venue.Address);
    }

    [Fact]
    public void AddHall_adds_a_hall_with_a_trimmed_name()
    {
        var venue = new Venue("Blue Square", "Seoul");

        var hall = venue.AddHall("  Shinhan Card Hall ");

        Assert.Equal("Shinhan Card Hall", hall.Name);
        Assert.Same(venue, hall.Venue);
        Assert.Same(hall, Assert.Single(venue.Halls));
        Assert.Empty(hall.Seats);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void AddHall_requires_a_name(string? name)
    {
        var venue = new Venue("Blue Square", "Seoul");

        Assert.Throws<DomainException>(() => venue.AddHall(name!));
        Assert.Empty(venue.Halls);
    }

    [Fact]
    public void AddHall_refuses_a_name_longer_than_120_characters()
    {
        var venue = new Venue("Blue Square", "Seoul");

        Assert.Throws<DomainException>(() => venue.AddHall(new string('h', 121)));
    }

    [Theory]
    [InlineData("Main Hall")]
    [InlineData("main hall")]
    [InlineData("  MAIN HALL  ")]
    public void AddHall_refuses_a_name_the_venue_already_has(string duplicate)
    {
        var venue = new Venue("Blue Square", "Seoul");
        venue.AddHall("Main Hall");

        Assert.Throws<DomainException>(() => venue.AddHall(duplicate));
        Assert.Single(venue.Halls);
    }

    [Fact]
    public void Two_venues_may_each_have_a_hall_of_the_same_name()
    {
        new Venue("Blue Square", "Seoul").AddHall("Main Hall");

        var hall = new Venue("Charlotte Theater", "Seoul").AddHall("Main Hall");

        Assert.Equal("Main Hall", hall.Name);
    }
}
