using AtTicket.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AtTicket.Infrastructure.Persistence.Configurations;

internal sealed class MailDeliveryConfiguration : IEntityTypeConfiguration<MailDelivery>
{
    public void Configure(EntityTypeBuilder<MailDelivery> builder)
    {
        builder.Property(d => d.MessageType).HasMaxLength(100);
        builder.Property(d => d.Recipient).HasMaxLength(MailDelivery.RecipientMaxLength);
        builder.Property(d => d.Subject).HasMaxLength(MailDelivery.SubjectMaxLength);
        builder.Property(d => d.LastError).HasMaxLength(OutboxMessage.LastErrorMaxLength);

        // The idempotency key: one delivery per message and recipient, however often the message comes.
        builder.HasIndex(d => new { d.MessageId, d.Recipient }).IsUnique();
        builder.HasIndex(d => new { d.Status, d.CreatedAt });
    }
}
