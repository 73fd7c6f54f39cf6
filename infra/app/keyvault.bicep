// The four secrets. Access by RBAC only (no access policies); the apps read them through Key Vault references
// with Key Vault Secrets User. Outputs are references, never values.
param name string
param location string
param tags object

@secure()
param adminKey string
@secure()
param linkSigningKey string
@secure()
param sendGridApiKey string
@secure()
param sendGridWebhookPublicKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    // Soft delete keeps a deleted secret 7 days; purge protection is left off so `azd down --purge` can remove the
    // vault of a test environment (docs/deploy.md says when to turn it on).
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'admin-key'
  properties: { value: adminKey }
}

resource linkSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'link-signing-key'
  properties: { value: linkSigningKey }
}

resource sendGridApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'sendgrid-api-key'
  properties: { value: sendGridApiKey }
}

resource sendGridWebhookPublicKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'sendgrid-webhook-public-key'
  properties: { value: sendGridWebhookPublicKey }
}

// Versionless references: the apps pick up a rotated secret when the platform refreshes (within 24 h, or at once
// on restart), see docs/deploy.md.
output name string = vault.name
output uri string = vault.properties.vaultUri
output adminKeyReference string = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${adminKeySecret.name})'
output linkSigningKeyReference string = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${linkSigningKeySecret.name})'
output sendGridApiKeyReference string = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${sendGridApiKeySecret.name})'
output sendGridWebhookPublicKeyReference string = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${sendGridWebhookPublicKeySecret.name})'
