namespace AtTicket.Web.Hosting;

internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "AtTicket cannot start: {Reason}")]
    public static partial void Failed(ILogger logger, string reason);
}
