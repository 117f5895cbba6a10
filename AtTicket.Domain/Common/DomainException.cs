namespace AtTicket.Domain.Common;

/// <summary>A business rule was broken. The message is a sentence a person can read.</summary>
public class DomainException(string message) : Exception(message);
