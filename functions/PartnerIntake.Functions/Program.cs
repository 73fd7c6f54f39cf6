using PartnerIntake.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
app.MapApplicationEndpoints();
app.Run();
