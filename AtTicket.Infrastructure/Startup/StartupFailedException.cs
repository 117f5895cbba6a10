namespace AtTicket.Infrastructure.Startup;

/// <summary>A service the node needs is missing or refuses it; the message is the one line an operator reads.</summary>
public sealed class StartupFailedException(string message, Exception? cause = null) : Exception(message, cause);
