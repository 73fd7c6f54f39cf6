using PartnerIntake.Functions.Hosting;

// Content root = the executable's folder, where appsettings.json, host.json and function.json live,
// whichever directory the host (or run.sh) starts us from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddApplicationServices();

var app = builder.Build();
app.MapApplicationEndpoints();
app.Run();
