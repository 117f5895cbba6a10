using AtTicket.Web.Tests.Localization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace AtTicket.Web.Tests.Deployment;

/// <summary>docker-compose.yml as compose reads it (anchors and merge keys resolved), for the checks no container engine here can make.</summary>
internal sealed class ComposeStack
{
    private ComposeStack(Dictionary<string, Service> services) => Services = services;

    public IReadOnlyDictionary<string, Service> Services { get; }

    /// <summary>The services built from the web project: the app's nodes.</summary>
    public IEnumerable<KeyValuePair<string, Service>> WebNodes => Services.Where(s => s.Value.Build?.Dockerfile == "AtTicket.Web/Dockerfile");

    public static ComposeStack Load()
    {
        using var reader = new StringReader(System.IO.File.ReadAllText(Path.Combine(SourceTree.Root, "docker-compose.yml")));
        var file = new DeserializerBuilder()
            .WithCaseInsensitivePropertyMatching()
            .IgnoreUnmatchedProperties()
            .Build()
            .Deserialize<StackFile>(new MergingParser(new Parser(reader)));
        return new ComposeStack(file.Services);
    }

    public sealed class StackFile
    {
        public Dictionary<string, Service> Services { get; set; } = [];
    }

    public sealed class Service
    {
        public string? Image { get; set; }

        public BuildSection? Build { get; set; }

        public Dictionary<string, string> Environment { get; set; } = [];

        public List<string> Profiles { get; set; } = [];
    }

    public sealed class BuildSection
    {
        public string? Context { get; set; }

        public string? Dockerfile { get; set; }
    }
}
