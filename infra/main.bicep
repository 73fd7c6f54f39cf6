// PartnerIntake in Azure: the Functions app on Flex Consumption, the web app on App Service, one storage account
// reached with a user-assigned managed identity (no keys), secrets in Key Vault, telemetry in Application Insights.
// `azd up` deploys it (docs/deploy.md). Resources are written directly (no registry modules) so `bicep build`
// works offline.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment: part of every resource name and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Azure region of every resource (one that offers Flex Consumption).')
param location string

@description('Object id of the deploying user: gets the same data-plane roles as the apps, to inspect storage and set secrets. Empty: none.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
])
@description('What principalId is: a user, or the service principal of a pipeline.')
param principalType string = 'User'

@secure()
@description('Admin key (console sign-in when no Entra ID app is given). Kept in Key Vault.')
param adminKey string

@secure()
@minLength(32)
@description('HMAC key of the signed links in e-mails. Kept in Key Vault; changing it voids open links.')
param linkSigningKey string

@secure()
@description('SendGrid API key (Mail Send permission). Kept in Key Vault.')
param sendGridApiKey string

@secure()
@description('SendGrid Event Webhook verification key (base64). Kept in Key Vault.')
param sendGridWebhookPublicKey string

@description('Sender address of every e-mail (a domain authenticated in SendGrid).')
param mailFromEmail string = 'partnerships@example.org'

@description('Sender name of every e-mail.')
param mailFromName string = 'Wikimedia Partnerships'

@description('Application (client) id of the Microsoft Entra ID app registration that signs operators in to the console. Empty: the console uses the admin key.')
param consoleAuthClientId string = ''

@description('Principal names (e-mail form) admitted to the console, separated by ";".')
param consoleOperators string = ''

@description('Dates skipped by SLA business days, "yyyy-MM-dd" separated by ";".')
param assignmentHolidays string = ''

@description('EscalateAssignments timer (NCRONTAB with seconds, UTC).')
param escalateAssignmentsSchedule string = '0 5 * * * *'

@description('SendRecognitions timer (NCRONTAB with seconds, UTC).')
param sendRecognitionsSchedule string = '0 */10 * * * *'

@description('ApplyRetention timer (NCRONTAB with seconds, UTC): erases personal data past Privacy__RetentionMonths.')
param applyRetentionSchedule string = '0 30 2 * * *'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module vault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    adminKey: adminKey
    linkSigningKey: linkSigningKey
    sendGridApiKey: sendGridApiKey
    sendGridWebhookPublicKey: sendGridWebhookPublicKey
  }
}

module roles 'app/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: vault.outputs.name
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

// Settings both apps read the same way (README, Configuration). Secrets are Key Vault references resolved by
// the platform with the user-assigned identity; no value of a secret is in this template or its outputs.
var sharedSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
  AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
  Admin__Key: vault.outputs.adminKeyReference
  Links__SigningKey: vault.outputs.linkSigningKeyReference
  SendGrid__ApiKey: vault.outputs.sendGridApiKeyReference
  SendGrid__WebhookPublicKey: vault.outputs.sendGridWebhookPublicKeyReference
  Mail__FromEmail: mailFromEmail
  Mail__FromName: mailFromName
  Assignment__Holidays: assignmentHolidays
}

module web 'app/web.bicep' = {
  name: 'web'
  scope: rg
  params: {
    planName: '${abbrs.webServerFarms}web-${resourceToken}'
    name: '${abbrs.webSitesAppService}web-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    consoleAuthClientId: consoleAuthClientId
    settings: union(sharedSettings, {
      Console__Authentication: empty(consoleAuthClientId) ? 'AdminKey' : 'AppService'
      Console__Operators: consoleOperators
    })
  }
  dependsOn: [
    roles
  ]
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: rg
  params: {
    planName: '${abbrs.webServerFarms}func-${resourceToken}'
    name: '${abbrs.webSitesFunctions}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${storage.outputs.deploymentContainerName}'
    settings: union(sharedSettings, {
      App__PublicBaseUrl: web.outputs.uri
      ESCALATE_ASSIGNMENTS_SCHEDULE: escalateAssignmentsSchedule
      SEND_RECOGNITIONS_SCHEDULE: sendRecognitionsSchedule
      APPLY_RETENTION_SCHEDULE: applyRetentionSchedule
    })
  }
  dependsOn: [
    roles
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = vault.outputs.uri
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output SERVICE_FUNCTIONS_NAME string = functions.outputs.name
output SERVICE_FUNCTIONS_URI string = functions.outputs.uri
output SERVICE_WEB_NAME string = web.outputs.name
output SERVICE_WEB_URI string = web.outputs.uri
