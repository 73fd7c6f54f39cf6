// The web app (every page: the form, status and action pages, the operators' console) on a Linux App Service
// plan. HTTPS only, TLS 1.2, FTP and basic publishing credentials off. With an Entra ID app registration given,
// App Service Authentication signs operators in; anonymous visitors still reach the public pages, and the app
// itself admits only Console__Operators to /admin.
param planName string
param name string
param location string
param tags object
param identityId string
param settings object
param consoleAuthClientId string = ''

@description('App Service plan size: B1 is enough at low traffic; P0v3 or up for zone redundancy and more instances.')
param skuName string = 'B1'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: { name: skuName }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      alwaysOn: true
      healthCheckPath: '/health'
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(settings, {
    App__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
  })
}

resource auth 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(consoleAuthClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      // The partner form and the links in e-mails are public; the console asks for sign-in itself.
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          // No client secret: App Service signs in with ID tokens (the registration must issue them).
          clientId: consoleAuthClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            consoleAuthClientId
            'api://${consoleAuthClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: { enabled: false }
    }
  }
}

resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
