namespace AtTicket.Web.Components.Account;

public static class ClaimNames
{
    public const string DisplayName = "atticket:display_name";
}
