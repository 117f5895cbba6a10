using System.Security.Cryptography;

namespace AtTicket.Domain.Bookings;

/// <summary>One booked seat. Its code is what the QR image carries and what the door scans.</summary>
public class Ticket
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Ticket()
    {
        Code = string.Empty;
        GradeName = string.Empty;
    }

    internal Ticket(int seatId, string gradeName, long price)
    {
        Code = NewCode();
        SeatId = seatId;
        GradeName = gradeName;
        Price = price;
    }

    public int Id { get; private set; }
    public Guid BookingId { get; private set; }
    public int SeatId { get; private set; }
    public string GradeName { get; private set; }
    public long Price { get; private set; }
    public string Code { get; private set; }

    /// <summary>16 characters from a 32-letter alphabet without look-alikes: 80 random bits.</summary>
    public static string NewCode() => RandomNumberGenerator.GetString(Alphabet, 16);
}
