using OpenTelemetry.Exporter;

namespace AtTicket.Web.Telemetry;

/// <summary>Section "OpenTelemetry".</summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenTelemetry";

    /// <summary>An OTLP collector (e.g. http://collector:4317); when set, traces, metrics and logs go there too.</summary>
    public string? Endpoint { get; set; }

    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>
    /// The bearer token Prometheus sends to <c>/metrics</c>. Without one the endpoint answers only
    /// this machine (loopback); anyone else gets the same 404 as for any unknown path.
    /// </summary>
    public string? ScrapeToken { get; set; }
}
