using Microsoft.Extensions.Logging;

namespace Tsdb.Storage.Schemas;

/// <summary>Picks the schema a new series is created with: archives from storage-schemas.conf,
/// method/xFilesFactor from storage-aggregation.conf. Like whisper, the choice is fixed at creation.</summary>
public sealed class SeriesSchemaResolver(StorageSchemaRules schemas, StorageAggregationRules aggregations)
{
    public StorageSchemaRules Schemas { get; } = schemas;
    public StorageAggregationRules Aggregations { get; } = aggregations;

    /// <summary>Built-in defaults when a file is null, else the file (parse errors throw
    /// <see cref="StorageConfigurationException"/> naming the file).</summary>
    public static SeriesSchemaResolver Load(string? schemasFile, string? aggregationFile, ILogger logger) => new(
        schemasFile is null ? StorageSchemaRules.Default : StorageSchemaRules.Load(schemasFile, logger),
        aggregationFile is null ? StorageAggregationRules.Default : StorageAggregationRules.Load(aggregationFile, logger));

    public SeriesSchema Resolve(string name)
    {
        var archives = Schemas.Match(name, out _);
        var (method, xff) = Aggregations.Match(name);
        return SeriesSchema.For(archives, method, xff);
    }
}
