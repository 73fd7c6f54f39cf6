using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Routing;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Mail;

public class TmpDumpTests
{
    [Fact]
    public void Dump()
    {
        var tables = Builders.SeedTables();
        var sut = new InquiryMails(new MailTemplates(), Options.Create(new AppOptions()), new ActionLinks(Options.Create(new LinkOptions { SigningKey = new string('k', 32) }), TimeProvider.System), TimeProvider.System);
        Directory.CreateDirectory("/tmp/mails");
        foreach (var (country, sub, lang) in new[] { ("GB", (string?)null, "en"), ("PL", null, "pl"), ("MA", null, "ar"), ("US", "US-NY", "en") })
        {
            var s = Builders.Submission(country: country, subdivision: sub, topics: ["content-donation", "health-medicine"], language: lang);
            var d = Router.Route(s, tables);
            var e = tables.Entity(d.Primary.Id)!;
            var inq = new Inquiry("PI-X", s, InquiryStatus.Routed, DateTimeOffset.UnixEpoch);
            var a = new InquiryAssignment("PI-X", 1, d.Primary, e.Contact, e.AckSlaDays, AssignmentState.Pending, DateTimeOffset.UnixEpoch, d);
            var mails = new List<OutboundMail> { sut.Assignment(inq, a, e.Languages, [new PartnerIntake.Shared.Intake.LinkedInquiry("PI-OLD", DateTimeOffset.UnixEpoch, "organisation", "Wikimedia Polska")], new HandOn(a with { State = "declined", Reason = "busy" }, NextInLine.Region, [a with { State = "redirected", Reason = "meh" }])), sut.Assignment(inq, a, e.Languages), sut.Reminder(inq, a, e.Languages), sut.Escalated(inq, a, a, e.Languages), sut.TakenOn(inq, a, e.Languages), sut.HandedOn(inq, a), sut.Acknowledgement(inq, a) };
            mails.AddRange(d.Collaborators.Select(c => sut.Collaborator(inq, a, c, tables.Entity(c.Id)!)));
            var i = 0;
            foreach (var m in mails)
            {
                File.WriteAllText($"/tmp/mails/{country}.{i}.{m.Kind}.txt", m.Subject + "\n----\n" + m.Text);
                File.WriteAllText($"/tmp/mails/{country}.{i++}.{m.Kind}.html", m.Html);
            }
        }
    }
}
