using AtTicket.Infrastructure;
using AtTicket.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddWebServices(builder.Configuration);

var app = builder.Build();

if (!await app.PrepareServicesAsync())
{
    return 1; // why is the log's last line
}

app.UseWebPipeline();
app.MapWebEndpoints();

app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
