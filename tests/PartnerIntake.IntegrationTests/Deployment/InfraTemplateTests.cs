using System.Text.Json.Nodes;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Deployment;

/// <summary>
/// The deployment, proven without Azure: infra/main.bicep built and linted by the real compiler, and the compiled
/// ARM template checked for what the apps need and what must never be in it.
/// </summary>
public class InfraTemplateTests
{
    private static readonly string[] Apps = ["functions", "web"];

    private static readonly string[] SecretSettings = ["Admin__Key", "Links__SigningKey", "SendGrid__ApiKey", "SendGrid__WebhookPublicKey"];

    [Fact]
    public async Task Build_MainBicep_CompilesWithoutWarnings()
    {
        var (exitCode, output, errors) = await Bicep.RunAsync("build", Bicep.MainFile, "--stdout");

        exitCode.ShouldBe(0, errors);
        errors.ShouldBeEmpty();
        JsonNode.Parse(output)!["$schema"]!.ToString().ShouldContain("subscriptionDeploymentTemplate");
    }

    [Fact]
    public async Task Lint_MainBicep_ReportsNothing()
    {
        var (exitCode, output, errors) = await Bicep.RunAsync("lint", Bicep.MainFile);

        exitCode.ShouldBe(0, errors);
        (output + errors).Trim().ShouldBeEmpty();
    }

    [Fact]
    public async Task Template_FunctionsApp_IsFlexConsumptionWithTheIsolatedWorkerOnDotnet10()
    {
        var template = await Bicep.Compiled;

        var plan = template.OfType("Microsoft.Web/serverfarms", "functions").Single();
        ((string?)plan["sku"]!["name"]).ShouldBe("FC1");
        ((string?)plan["sku"]!["tier"]).ShouldBe("FlexConsumption");
        var site = template.OfType("Microsoft.Web/sites", "functions").Single();
        ((string?)site["kind"]).ShouldBe("functionapp,linux");
        var config = site["properties"]!["functionAppConfig"]!;
        ((string?)config["runtime"]!["name"]).ShouldBe("dotnet-isolated");
        ((string?)config["runtime"]!["version"]).ShouldBe("10.0");
        ((string?)config["deployment"]!["storage"]!["type"]).ShouldBe("blobContainer");
        ((string?)config["deployment"]!["storage"]!["authentication"]!["type"]).ShouldBe("UserAssignedIdentity");
        site["tags"]!.GetValue<string>().ShouldContain("'azd-service-name', 'functions'");
    }

    [Fact]
    public async Task Template_BothApps_ReachStorageWithTheManagedIdentityOnly()
    {
        var template = await Bicep.Compiled;

        foreach (var app in Apps)
        {
            var settings = template.AppSettings(app);
            settings["AzureWebJobsStorage__credential"].ShouldBe("'managedidentity'", app);
            foreach (var name in new[] { "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri" })
            {
                settings.ShouldContainKey(name, app);
            }

            settings["AzureWebJobsStorage__queueServiceUri"].ShouldContain("outputs.queueEndpoint", customMessage: app);
            settings["AzureWebJobsStorage__tableServiceUri"].ShouldContain("outputs.tableEndpoint", customMessage: app);
            settings.ShouldNotContainKey("AzureWebJobsStorage", app);
        }

        var storage = template.OfType("Microsoft.Storage/storageAccounts", "storage").Single()["properties"]!;
        ((bool)storage["allowSharedKeyAccess"]!).ShouldBeFalse();
        ((bool)storage["allowBlobPublicAccess"]!).ShouldBeFalse();
        ((string?)storage["minimumTlsVersion"]).ShouldBe("TLS1_2");
        template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers", "storage").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Template_Anywhere_HoldsNoKeyConnectionStringOrSecretValue()
    {
        var template = await Bicep.Compiled;

        template.Text.ShouldNotContain("listKeys(");
        template.Text.ShouldNotContain("AccountKey=");
        template.Text.ShouldNotContain("SharedAccessSignature");
        template.Text.ShouldNotContain("UseDevelopmentStorage");
        var parameters = (JsonObject)template.Root["parameters"]!;
        foreach (var secret in new[] { "adminKey", "linkSigningKey", "sendGridApiKey", "sendGridWebhookPublicKey" })
        {
            ((string?)parameters[secret]!["type"]).ShouldBe("securestring", secret);
            parameters[secret]!["defaultValue"].ShouldBeNull(secret);
        }

        var parameterFile = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "infra", "main.parameters.json"));
        foreach (var (name, value) in ((JsonObject)JsonNode.Parse(parameterFile)!["parameters"]!).Select(p => (p.Key, (string)p.Value!["value"]!)))
        {
            value.ShouldStartWith("${", customMessage: $"{name}: main.parameters.json holds only azd environment substitutions");
        }
    }

    [Fact]
    public async Task Template_SecretSettings_AreKeyVaultReferencesResolvedWithTheIdentity()
    {
        var template = await Bicep.Compiled;
        var vaultOutputs = (JsonObject)template.Module("keyvault")["outputs"]!;

        foreach (var app in Apps)
        {
            var settings = template.AppSettings(app);
            foreach (var name in SecretSettings)
            {
                var output = vaultOutputs.Select(o => o.Key).Single(o => settings[name].Contains($"outputs.{o}.value", StringComparison.Ordinal));
                ((string)vaultOutputs[output]!["value"]!).ShouldStartWith("[format('@Microsoft.KeyVault(VaultName={0};SecretName={1})'", customMessage: $"{app} {name}");
            }

            var site = template.OfType("Microsoft.Web/sites", app).Single();
            ((string?)site["properties"]!["keyVaultReferenceIdentity"]).ShouldNotBeNullOrEmpty(app);
        }

        var vault = template.OfType("Microsoft.KeyVault/vaults", "keyvault").Single()["properties"]!;
        ((bool)vault["enableRbacAuthorization"]!).ShouldBeTrue();
        template.OfType("Microsoft.KeyVault/vaults/secrets", "keyvault").Count().ShouldBe(4);
    }

    [Fact]
    public async Task Template_RoleAssignments_GiveTheIdentityStorageTelemetryAndSecrets()
    {
        var template = await Bicep.Compiled;

        var assignments = template.OfType("Microsoft.Authorization/roleAssignments", "roles").ToList();
        var roles = template.Module("roles").ToJsonString();
        foreach (var (role, id) in new[]
        {
            ("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"),
            ("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88"),
            ("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"),
            ("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb"),
            ("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6"),
        })
        {
            roles.ShouldContain(id, customMessage: role);
        }

        // The storage roles exist once for the identity and once (conditionally) for the deploying user; the identity
        // also publishes metrics and reads secrets.
        assignments.Count(a => a["copy"] is not null).ShouldBe(2);
        assignments.Count(a => a["properties"]!["principalId"]!.GetValue<string>() == "[parameters('identityPrincipalId')]").ShouldBe(3);
        var insights = template.OfType("Microsoft.Insights/components", "monitoring").Single()["properties"]!;
        ((bool)insights["DisableLocalAuth"]!).ShouldBeTrue();
    }

    [Fact]
    public async Task Template_Sites_HttpsOnlyTls12AndNoFtp()
    {
        var template = await Bicep.Compiled;

        foreach (var app in Apps)
        {
            var site = template.OfType("Microsoft.Web/sites", app).Single()["properties"]!;
            ((bool)site["httpsOnly"]!).ShouldBeTrue(app);
            ((string?)site["siteConfig"]!["minTlsVersion"]).ShouldBe("1.2", app);
            var publishing = template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies", app).ToList();
            publishing.Count.ShouldBe(2, app);
            publishing.ShouldAllBe(p => !(bool)p["properties"]!["allow"]!);
        }

        var web = template.OfType("Microsoft.Web/sites", "web").Single()["properties"]!["siteConfig"]!;
        ((string?)web["ftpsState"]).ShouldBe("Disabled");
        ((string?)web["linuxFxVersion"]).ShouldBe("DOTNETCORE|10.0");
        ((string?)web["healthCheckPath"]).ShouldBe("/health");
        var auth = template.OfType("Microsoft.Web/sites/config", "web").Single(c => ((string)c["name"]!).Contains("authsettingsV2", StringComparison.Ordinal));
        ((string?)auth["properties"]!["globalValidation"]!["unauthenticatedClientAction"]).ShouldBe("AllowAnonymous");
        auth["properties"]!["identityProviders"]!["azureActiveDirectory"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Template_Settings_AreExactlyWhatTheReadmeSaysInfraSets()
    {
        var template = await Bicep.Compiled;
        var readme = ReadmeSettings.Read();
        var deployed = Apps.SelectMany(app => template.AppSettings(app).Keys).ToHashSet(StringComparer.Ordinal);

        readme.Values.ShouldAllBe(v => v == "infra" || v == "optional" || v == "local");
        readme.Where(s => s.Value == "infra").Select(s => s.Key).Except(deployed).ShouldBeEmpty("the README says infra sets these, the template does not");
        deployed.Except(readme.Keys).ShouldBeEmpty("the template sets these, the README does not list them");
        deployed.Where(s => readme[s] != "infra").ShouldBeEmpty("the template sets these, the README says it does not");
    }

    [Fact]
    public async Task Template_FlexConsumption_SetsNoneOfTheSettingsFlexReplaces()
    {
        var template = await Bicep.Compiled;

        foreach (var app in Apps)
        {
            var settings = template.AppSettings(app);
            foreach (var replaced in new[] { "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_TIME_ZONE", "Testing__ClockControl" })
            {
                settings.ShouldNotContainKey(replaced, app);
            }
        }

        ((JsonObject)template.OfType("Microsoft.Web/sites", "functions").Single()["properties"]!["siteConfig"]!).ContainsKey("alwaysOn").ShouldBeFalse();
    }

    [Fact]
    public async Task AzureYaml_Services_MatchTheTemplatesTags()
    {
        var template = await Bicep.Compiled;
        var yaml = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "azure.yaml"));

        yaml.ShouldContain("project: ./functions/PartnerIntake.Functions");
        yaml.ShouldContain("host: function");
        yaml.ShouldContain("project: ./web/PartnerIntake.Web");
        yaml.ShouldContain("host: appservice");
        template.OfType("Microsoft.Web/sites", "web").Single()["tags"]!.GetValue<string>().ShouldContain("'azd-service-name', 'web'");
        var outputs = (JsonObject)template.Root["outputs"]!;
        foreach (var output in new[] { "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_KEY_VAULT_NAME", "SERVICE_FUNCTIONS_NAME", "SERVICE_WEB_NAME" })
        {
            outputs.ContainsKey(output).ShouldBeTrue(output);
        }
    }
}
