using System.Reflection;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.UnitTests.Mail;

/// <summary>
/// Mail models built from their types, so that a member added to a model later is filled (and so rendered) too:
/// every text is <c>text(memberName)</c>; optional members (nullable, lists) are either filled or missing.
/// </summary>
internal static class MailTemplateModels
{
    public static readonly IReadOnlyDictionary<string, Type> Types = new Dictionary<string, Type>
    {
        [MailKinds.Assignment] = typeof(AssignmentMailModel),
        [MailKinds.Acknowledgement] = typeof(AcknowledgementMailModel),
        [MailKinds.Reminder] = typeof(ReminderMailModel),
        [MailKinds.Escalated] = typeof(EscalatedMailModel),
        [MailKinds.Accepted] = typeof(AcceptedMailModel),
        [MailKinds.Collaborator] = typeof(CollaboratorMailModel),
        [MailKinds.TakenOn] = typeof(TakenOnMailModel),
        [MailKinds.HandedOn] = typeof(HandedOnMailModel),
        [MailKinds.Withdrawn] = typeof(WithdrawnMailModel),
        [RecognitionKinds.ThankYou] = typeof(ThankYouMailModel),
        [RecognitionKinds.Attribution] = typeof(AttributionMailModel),
        [RecognitionKinds.Impact] = typeof(ImpactMailModel),
    };

    private static readonly NullabilityInfoContext Nullability = new();

    public static MailModel Build(string kind, string lang, Func<string, string> text, bool optionalMissing)
    {
        var type = Types[kind];
        var constructor = type.GetConstructors().Single(c => c.GetParameters().Length > 1);
        var parameters = constructor.GetParameters();
        var model = (MailModel)constructor.Invoke(parameters
            .Select(p => p.Name == nameof(MailModel.Lang) ? lang : Value(p.ParameterType, p.Name!, text, optionalMissing && IsOptional(Nullability.Create(p), p.ParameterType)))
            .ToArray());
        foreach (var property in type.GetProperties().Where(p => p.CanWrite && parameters.All(a => a.Name != p.Name)))
        {
            property.SetValue(model, Value(property.PropertyType, property.Name, text, optionalMissing && IsOptional(Nullability.Create(property), property.PropertyType)));
        }

        return model;
    }

    private static bool IsOptional(NullabilityInfo nullability, Type type) =>
        nullability.WriteState == NullabilityState.Nullable || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>);

    private static object? Value(Type type, string name, Func<string, string> text, bool missing) => type switch
    {
        _ when missing && type.IsGenericType => Array.CreateInstance(type.GetGenericArguments()[0], 0),
        _ when missing => null,
        _ when type == typeof(string) => text(name),
        _ when type == typeof(IReadOnlyList<string>) => new[] { text(name + "[0]"), text(name + "[1]") },
        _ when type == typeof(IReadOnlyList<CollaboratorLine>) => new[] { new CollaboratorLine(text("Collaborator.Name"), text("Collaborator.Kind"), text("Collaborator.Role")) },
        _ when type == typeof(int) => 12345,
        _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero),
        _ when type == typeof(DateOnly) => new DateOnly(2026, 11, 1),
        _ when type == typeof(ImpactFigures) => new ImpactFigures(1234, 2345, 42, 12345),
        _ => throw new NotSupportedException($"No value for {name} ({type.Name}); add one here."),
    };
}
