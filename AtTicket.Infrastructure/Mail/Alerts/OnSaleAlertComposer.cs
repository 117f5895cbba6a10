using System.Runtime.CompilerServices;
using MimeKit;

namespace AtTicket.Infrastructure.Mail.Alerts;

/// <summary>
/// A product went on sale: one alert per member who follows its category and has a confirmed address.
/// The product is read as it is now (a title fixed since the event is mailed fixed); a product that is
/// no longer on sale when the message is handled is not announced.
/// </summary>
public sealed class OnSaleAlertComposer(
    CatalogReader catalog,
    AlertSubscribers subscribers,
    OnSaleAlertMail mail,
    ILogger<OnSaleAlertComposer> logger) : IMailComposer
{
    public string MessageType => IntegrationEvents.ProductOnSaleType;

    public async IAsyncEnumerable<MimeMessage> ComposeAsync(BusMessage message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var onSale = IntegrationEvents.Read<ProductOnSale>(message.Payload);
        var product = await catalog.GetPublishedProductUncachedAsync(onSale.ProductId, cancellationToken);
        if (product is null)
        {
            logger.LogInformation("Product {ProductId} is no longer on sale; no alert for message {MessageId}", onSale.ProductId, message.Id);
            yield break;
        }

        var alert = OnSaleAlert.From(product);
        await foreach (var recipient in subscribers.WhoWantToHearAboutAsync(alert.Category, cancellationToken))
        {
            yield return mail.Compose(alert, recipient);
        }
    }
}
