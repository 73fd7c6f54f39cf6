using PartnerIntake.Shared.Hosting;
using PartnerIntake.Web.Hosting;

// Content root = the executable's folder, where appsettings.json and wwwroot are, whichever directory we start from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddLocalSettings();
builder.Services.AddPartnerIntake(builder.Configuration);
builder.AddWeb();

var app = builder.Build();
app.UseWeb();
app.MapWeb();
app.Run();
