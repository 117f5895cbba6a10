using System.Text;

namespace AtTicket.Infrastructure.Messaging;

/// <summary>One topic per event type: <c>BookingConfirmed</c> goes to <c>atticket.booking-confirmed</c>.</summary>
public static class KafkaTopics
{
    public const string MessageIdHeader = "message-id";
    public const string MessageTypeHeader = "message-type";

    public static string For(string type)
    {
        var name = new StringBuilder("atticket.");
        for (var i = 0; i < type.Length; i++)
        {
            if (char.IsUpper(type[i]) && i > 0)
            {
                name.Append('-');
            }

            name.Append(char.ToLowerInvariant(type[i]));
        }

        return name.ToString();
    }
}
