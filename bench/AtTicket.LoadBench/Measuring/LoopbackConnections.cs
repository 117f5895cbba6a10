using System.Globalization;

namespace AtTicket.LoadBench.Measuring;

/// <summary>Established TCP connections to a local port, counted from /proc/net/tcp (e.g. nginx's upstream connections to each node).</summary>
public static class LoopbackConnections
{
    private const string Established = "01";

    public static int To(int port)
    {
        var count = 0;
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file).Skip(1))
            {
                // sl local_address rem_address st ...; addresses are HEXIP:HEXPORT
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[3] == Established
                    && int.Parse(fields[2][(fields[2].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
