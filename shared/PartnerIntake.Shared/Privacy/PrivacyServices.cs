using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Shared.Privacy;

public static class PrivacyServices
{
    /// <summary>The personal-data index, its storage adapter and the eraser (both apps: the API and the console).</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<IPersonalDataIndex, TablePersonalDataIndex>();
        services.AddSingleton<IPersonalDataStore, TablePersonalData>();
        services.TryAddSingleton<IOperatorAudit, TableOperatorAudit>(); // erasures are audited by the API too
        services.AddSingleton<PersonalDataEraser>();
        services.AddSingleton<IPersonalDataEraser>(sp => sp.GetRequiredService<PersonalDataEraser>());
        return services;
    }
}
