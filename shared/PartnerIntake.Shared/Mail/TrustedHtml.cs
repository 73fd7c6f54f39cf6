namespace PartnerIntake.Shared.Mail;

/// <summary>
/// Markup a template function built from already encoded text; an HTML part writes it as is. The only way past the
/// encoding in <see cref="MailTemplateContext"/>, so every use is a function in <see cref="MailTemplateFunctions"/>.
/// </summary>
internal sealed record TrustedHtml(string Html);
