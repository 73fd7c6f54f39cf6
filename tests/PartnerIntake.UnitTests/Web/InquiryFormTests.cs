using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using PartnerIntake.Web.Console;
using PartnerIntake.Web.Hosting;
using PartnerIntake.Web.Intake;
using PartnerIntake.Web.Localization;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.UnitTests.Web;

public class InquiryFormTests
{
    private static FormCollection Form(params (string Name, string[] Values)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => new StringValues(f.Values)));

    [Fact]
    public void ToDocument_ContractPaths_BecomeTheApisJsonDocument()
    {
        var form = Form(
            ("organization.name", ["Muzeum"]), ("organization.type", ["museum"]), ("organization.country", ["PL"]),
            ("organization.website", [""]), ("contact.name", ["Anna"]), ("contact.email", ["anna@example.org"]),
            ("topics", ["content-donation", "education"]), ("scale", ["national"]), ("agreement", ["formal"]),
            ("contentLanguages", ["pl", ""]), ("message", ["Hello"]), ("consent", ["true"]),
            ("__RequestVerificationToken", ["x"]), (InquiryForm.TokenField, ["t"]), (InquiryForm.HoneypotField, [""]));

        var document = InquiryForm.ToDocument(form);

        document["organization"]!["name"]!.GetValue<string>().ShouldBe("Muzeum");
        document["organization"]!.AsObject().ContainsKey("website").ShouldBeFalse(); // empty means not given
        document["topics"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["content-donation", "education"]);
        document["contentLanguages"]!.AsArray().Count.ShouldBe(1);
        document["consent"]!.GetValue<bool>().ShouldBeTrue();
        document.ContainsKey("__RequestVerificationToken").ShouldBeFalse();
        document.ContainsKey(InquiryForm.TokenField).ShouldBeFalse();
        InquiryValidator.Validate(JsonSerializer.SerializeToElement(document)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void ToDocument_EmptyForm_ErrorsPerFieldNotPerGroup()
    {
        var document = InquiryForm.ToDocument(Form());

        var errors = InquiryValidator.Validate(JsonSerializer.SerializeToElement(document)).Errors.ToDictionary();

        errors.Keys.ShouldContain("organization.name");
        errors.Keys.ShouldContain("contact.email");
        errors.Keys.ShouldContain("consent");
        errors.Keys.ShouldNotContain("organization");
        errors.Keys.ShouldNotContain("contact");
    }

    [Fact]
    public void ToDocument_UntickedConsent_IsFalse()
    {
        InquiryForm.ToDocument(Form(("message", ["Hi"])))["consent"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Theory]
    [InlineData("organization.name.extra")]
    [InlineData("constructor[0]")]
    [InlineData("a..b")]
    public void ToDocument_NamesNotShapedLikeContractPaths_AreIgnored(string name)
    {
        var document = InquiryForm.ToDocument(Form((name, ["x"])));

        document.Select(p => p.Key).ShouldBe(["organization", "contact", "consent"], ignoreOrder: true);
    }
}
