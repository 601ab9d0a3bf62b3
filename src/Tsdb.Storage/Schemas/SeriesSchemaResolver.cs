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

    // The schema of each pair of matching rules (schema rule, aggregation rule; index 0 of either is "no rule"),
    // made on first use: a burst of new series (5,000 collectl nodes create 520,000 in a second) looked every
    // one up in the shared schema dictionary, hashing its archive list. Any thread may fill a slot: both
    // writers store the same shared instance.
    private readonly SeriesSchema?[] _byRules = new SeriesSchema?[(schemas.Count + 1) * (aggregations.Count + 1)];

    public SeriesSchema Resolve(string name)
    {
        int schemaRule = Schemas.MatchIndex(name), aggregationRule = Aggregations.MatchIndex(name);
        ref var slot = ref _byRules[(schemaRule + 1) * (Aggregations.Count + 1) + aggregationRule + 1];
        if (Volatile.Read(ref slot) is { } schema) return schema;
        var (method, xff) = Aggregations.SettingsOf(aggregationRule);
        schema = SeriesSchema.For(Schemas.ArchivesOf(schemaRule), method, xff);
        Volatile.Write(ref slot, schema);
        return schema;
    }
}
