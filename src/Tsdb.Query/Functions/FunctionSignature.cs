namespace Tsdb.Query.Functions;

/// <summary>
/// A render function's registry entry: name, group (Combine, Transform, Calculate, Filter Series,
/// Filter Data, Sorting, Alias, Graph, Special), parameters, description, and the registry aliases
/// that resolve to it (sum -> sumSeries). Aggregator marks the functions graphite-web flags with
/// .aggregator = True (they join aggOrSeriesFunc options).
/// </summary>
public sealed record FunctionSignature(
    string Name,
    string Group,
    IReadOnlyList<ParamSpec> Params,
    string Description,
    IReadOnlyList<string>? Aliases = null,
    bool Aggregator = false,
    bool Pie = false);
