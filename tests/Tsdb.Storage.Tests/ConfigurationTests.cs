using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Storage.Schemas;

namespace Tsdb.Storage.Tests;

/// <summary>carbon's storage-schemas.conf / storage-aggregation.conf parsing (carbon storage.py, util.py).</summary>
public sealed class ConfigurationTests
{
    private static readonly NullLogger Log = NullLogger.Instance;

    [Theory]
    [InlineData("60:10", 60, 10)]
    [InlineData("10:60", 10, 60)]
    [InlineData("10s:10h", 10, 3600)]
    [InlineData("1m:30d", 60, 43200)]
    [InlineData("5m:1y", 300, 105120)]
    [InlineData("7s:1d", 7, 12342)]
    [InlineData(" 1h:1w ", 3600, 168)]
    [InlineData("60:1w", 60, 10080)]
    public void Retention_good(string text, int step, int points)
    {
        Assert.Equal(new ArchiveSpec(step, points), RetentionParser.Parse(text));
    }

    [Theory]
    [InlineData("10x:10")]
    [InlineData("60:10x")]
    [InlineData("1min:1d")]
    [InlineData("1sec:1d")]
    [InlineData("60:2days")]
    [InlineData("1M:1d")]
    [InlineData("60")]
    [InlineData("60:10:5")]
    [InlineData("60 :10")]
    [InlineData("s:10")]
    [InlineData("-60:10")]
    [InlineData("")]
    public void Retention_bad(string text)
    {
        Assert.Throws<FormatException>(() => RetentionParser.Parse(text));
    }

    [Theory]
    [InlineData("60:1d,1h:30d", null)]
    [InlineData("1h:30d,60:1d", null)] // sorted by precision first, as whisper does
    [InlineData("60:1d,60:2d", "same precision")]
    [InlineData("60:1d,90:30d", "evenly divide")]
    [InlineData("60:1d,300:1h", "larger time intervals")]
    [InlineData("60:2,300:1d", "enough points")]
    public void Archive_list_validation(string retentions, string? error)
    {
        var message = ArchiveListValidator.Validate(RetentionParser.ParseList(retentions), out var sorted);
        if (error is null)
        {
            Assert.Null(message);
            Assert.Equal(60, sorted[0].Step);
        }
        else
        {
            Assert.Contains(error, message);
        }
    }

    [Fact]
    public void Schemas_first_match_wins_in_file_order_with_carbon_ini_rules()
    {
        const string text = """
            # full-line comments with '#'
              ; and ';'
            [carbon]
            PATTERN = ^carbon\.
            retentions: 60:90d

            [inline]
            pattern = ^inline # not a comment
            retentions = 10s:1h

            [broken-archives]
            pattern = ^collectd\.
            retentions = 60:1d,90:30d

            [no-pattern]
            retentions = 1s:1m

            [collectd]
            pattern = ^collectd\.
            retentions = 10s:1d,
              1m:30d

            [default]
            pattern = .*
            retentions = 60s:1d,5m:30d,1h:3y
            """;
        var rules = StorageSchemaRules.Parse(text, "storage-schemas.conf", Log);
        Assert.Equal([new ArchiveSpec(60, 129600)], rules.Match("carbon.agents.a", out var s1));
        Assert.Equal("carbon", s1);
        Assert.Equal("default", Matched(rules, "inline.x"));
        Assert.Equal("inline", Matched(rules, "inline # not a comment"));
        Assert.Equal([new ArchiveSpec(10, 8640), new ArchiveSpec(60, 43200)], rules.Match("collectd.h.cpu", out var s2));
        Assert.Equal("collectd", s2);
        Assert.Equal(3, rules.Match("x.carbon.y;tag=1", out _).Count);
    }

    [Fact]
    public void Schemas_fall_back_to_carbon_default_after_the_last_section()
    {
        var rules = StorageSchemaRules.Parse("[only]\npattern = ^a\\.\nretentions = 1:10\n", "s.conf", Log);
        Assert.Equal([new ArchiveSpec(60, 10080)], rules.Match("b.c", out var section));
        Assert.Equal("default", section);
        Assert.Equal([new ArchiveSpec(1, 86400), new ArchiveSpec(60, 43200), new ArchiveSpec(300, 105120)],
            StorageSchemaRules.Default.Match("anything", out _));
    }

    /// <summary>The resolver keeps the schema of each pair of matching rules: every pair still gets its own
    /// archives, method and xFilesFactor, and a name matching no aggregation rule whisper's defaults.</summary>
    [Fact]
    public void Resolver_gives_each_pair_of_matching_rules_its_own_schema_and_reuses_it()
    {
        var schemas = StorageSchemaRules.Parse("[disk]\npattern = \\.diskinfo\\.\nretentions = 1s:1d,1m:30d\n", "s.conf", Log);
        var aggregations = StorageAggregationRules.Parse(
            "[max]\npattern = \\.max$\naggregationMethod = max\nxFilesFactor = 0.1\n[sum]\npattern = kbs\naggregationMethod = sum\n", "a.conf", Log);
        var resolver = new SeriesSchemaResolver(schemas, aggregations);

        var diskSum = resolver.Resolve("node1.diskinfo.writekbs.sda");
        Assert.Equal([new ArchiveSpec(1, 86400), new ArchiveSpec(60, 43200)], diskSum.Archives);
        Assert.Equal((AggregationMethod.Sum, 0.5f), (diskSum.Method, diskSum.XFilesFactor));
        Assert.Same(diskSum, resolver.Resolve("node2.diskinfo.readkbs.sdb"));

        var diskMax = resolver.Resolve("node1.diskinfo.max");
        Assert.Equal((AggregationMethod.Max, 0.1f), (diskMax.Method, diskMax.XFilesFactor));
        Assert.Equal(diskSum.Archives, diskMax.Archives);

        var otherMax = resolver.Resolve("node1.cpu.max");
        Assert.Equal([new ArchiveSpec(60, 10080)], otherMax.Archives);
        Assert.Equal((AggregationMethod.Max, 0.1f), (otherMax.Method, otherMax.XFilesFactor));

        var neither = resolver.Resolve("node1.cpu.user");
        Assert.Equal([new ArchiveSpec(60, 10080)], neither.Archives);
        Assert.Equal((AggregationMethod.Average, 0.5f), (neither.Method, neither.XFilesFactor));
        Assert.Same(neither, resolver.Resolve("node2.cpu.sys"));
    }

    [Theory]
    [InlineData("[a]\npattern = .*\nretentions = 60:1dd\n", "Invalid unit 'dd' in section [a] in s.conf")]
    [InlineData("pattern = .*\n", "no section headers")]
    [InlineData("[a]\npattern = x\n[a]\npattern = y\n", "section 'a' already exists")]
    [InlineData("[a]\npattern = x\nPattern = y\n", "option 'pattern' already exists")]
    [InlineData("[a]\njust words\n", "cannot parse line")]
    [InlineData("[a]\npattern = (\nretentions = 60:1d\n", "Invalid pattern '('")]
    [InlineData("[a]\npattern = 100%\nretentions = 60:1d\n", "'%' must be followed")]
    public void Schemas_syntax_errors_name_the_file(string text, string message)
    {
        var e = Assert.Throws<StorageConfigurationException>(() => StorageSchemaRules.Parse(text, "s.conf", Log));
        Assert.Contains("s.conf", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Aggregation_first_match_supplies_both_values_with_whisper_fallbacks()
    {
        const string text = """
            [min]
            pattern = \.min$
            xFilesFactor = 0.1
            aggregationMethod = min

            [count]
            pattern = \.count$
            aggregationMethod = sum

            [notanumber]
            pattern = \.bad$
            xFilesFactor = lots
            aggregationMethod = max

            [xff-only]
            pattern = ^xff\.
            xfilesfactor = 0

            [default_average]
            pattern = .*
            xFilesFactor = 0.3
            aggregationMethod = average
            """;
        var rules = StorageAggregationRules.Parse(text, "a.conf", Log);
        Assert.Equal((AggregationMethod.Min, 0.1f), rules.Match("a.b.min"));
        Assert.Equal((AggregationMethod.Sum, 0.5f), rules.Match("a.count"));
        Assert.Equal((AggregationMethod.Average, 0.3f), rules.Match("a.bad"));
        Assert.Equal((AggregationMethod.Average, 0f), rules.Match("xff.count.x"));
        Assert.Equal((AggregationMethod.Average, 0.5f),
            StorageAggregationRules.Parse("[x]\npattern = ^never\n", "a.conf", Log).Match("a"));
    }

    [Theory]
    [InlineData("[a]\npattern = .*\nxFilesFactor = 1.5\n", "out of [0,1]")]
    [InlineData("[a]\npattern = .*\nxFilesFactor = nan\n", "out of [0,1]")]
    [InlineData("[a]\npattern = .*\naggregationMethod = median\n", "'median'")]
    [InlineData("[a]\npattern = .*\naggregationMethod = Average\n", "'Average'")]
    public void Aggregation_errors_stop_startup(string text, string message)
    {
        var e = Assert.Throws<StorageConfigurationException>(() => StorageAggregationRules.Parse(text, "a.conf", Log));
        Assert.Contains(message, e.Message);
        Assert.Contains("a.conf", e.Message);
    }

    [Fact]
    public void Missing_aggregation_file_is_logged_and_whisper_defaults_apply()
    {
        var rules = StorageAggregationRules.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".conf"), Log);
        Assert.Equal((AggregationMethod.Average, 0.5f), rules.Match("x"));
    }

    [Theory]
    [InlineData(nameof(StorageOptions.DataDirectory))]
    [InlineData(nameof(StorageOptions.WalCommitInterval))]
    [InlineData(nameof(StorageOptions.ChunkMemorySizeBits))]
    [InlineData(nameof(StorageOptions.SchemasFile))]
    public void Invalid_options_name_the_option(string option)
    {
        var options = new StorageOptions { DataDirectory = "/tmp/x" };
        switch (option)
        {
            case nameof(StorageOptions.DataDirectory): options.DataDirectory = ""; break;
            case nameof(StorageOptions.WalCommitInterval): options.WalCommitInterval = TimeSpan.Zero; break;
            case nameof(StorageOptions.ChunkMemorySizeBits): options.ChunkMemorySizeBits = options.ChunkPageSizeBits; break;
            case nameof(StorageOptions.SchemasFile): options.SchemasFile = "/nonexistent/storage-schemas.conf"; break;
        }
        var e = Assert.Throws<StorageConfigurationException>(options.Validate);
        Assert.Contains(option, e.Message);
    }

    [Fact]
    public void Deploy_files_reproduce_the_built_in_default()
    {
        string deploy = FindDeploy();
        var schemas = StorageSchemaRules.Load(Path.Combine(deploy, "storage-schemas.conf"), Log);
        var aggregation = StorageAggregationRules.Load(Path.Combine(deploy, "storage-aggregation.conf"), Log);
        foreach (var name in new[] { "a.b.c", "carbon.agents.x", "disk.used;dc=x" })
        {
            Assert.Equal(StorageSchemaRules.Default.Match(name, out _), schemas.Match(name, out _));
            Assert.Equal(StorageAggregationRules.Default.Match(name), aggregation.Match(name));
        }
    }

    private static string Matched(StorageSchemaRules rules, string name)
    {
        rules.Match(name, out var section);
        return section;
    }

    private static string FindDeploy()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "deploy"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("deploy/"), "deploy");
    }
}
