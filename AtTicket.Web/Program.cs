using AtTicket.Infrastructure;
using AtTicket.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddWebServices();

var app = builder.Build();

await app.InitializeDatabaseAsync();
app.UseWebPipeline();
app.MapWebEndpoints();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
