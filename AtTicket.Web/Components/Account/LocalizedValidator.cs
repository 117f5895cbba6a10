using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components.Forms;

namespace AtTicket.Web.Components.Account;

/// <summary>
/// Data-annotation validation whose messages are translated: each attribute's ErrorMessage is the
/// English sentence and the key into the app's resources.
/// </summary>
public sealed class LocalizedValidator(IStringLocalizer<SharedResource> l) : ComponentBase, IDisposable
{
    private ValidationMessageStore? _messages;

    [CascadingParameter]
    private EditContext? EditContext { get; set; }

    protected override void OnInitialized()
    {
        if (EditContext is null)
        {
            throw new InvalidOperationException($"{nameof(LocalizedValidator)} must be placed inside an EditForm.");
        }

        _messages = new ValidationMessageStore(EditContext);
        EditContext.OnValidationRequested += ValidateAll;
        EditContext.OnFieldChanged += ValidateField;
    }

    public void Dispose()
    {
        if (EditContext is not null)
        {
            EditContext.OnValidationRequested -= ValidateAll;
            EditContext.OnFieldChanged -= ValidateField;
        }
    }

    private void ValidateAll(object? sender, ValidationRequestedEventArgs e)
    {
        _messages!.Clear();
        foreach (var result in Validate())
        {
            foreach (var member in result.MemberNames)
            {
                _messages.Add(EditContext!.Field(member), l[result.ErrorMessage ?? string.Empty]);
            }
        }

        EditContext!.NotifyValidationStateChanged();
    }

    private void ValidateField(object? sender, FieldChangedEventArgs e)
    {
        _messages!.Clear(e.FieldIdentifier);
        foreach (var result in Validate().Where(r => r.MemberNames.Contains(e.FieldIdentifier.FieldName)))
        {
            _messages.Add(e.FieldIdentifier, l[result.ErrorMessage ?? string.Empty]);
        }

        EditContext!.NotifyValidationStateChanged();
    }

    private List<ValidationResult> Validate()
    {
        var model = EditContext!.Model;
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        return results;
    }
}
