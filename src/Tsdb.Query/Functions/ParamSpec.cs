namespace Tsdb.Query.Functions;

/// <summary>
/// One parameter of a render function (graphite-web functions/params.py Param). The single source for
/// argument binding, validation and the /functions JSON.
/// Default: a C# value of the Python default (long for int, double for float, string, bool;
/// double.PositiveInfinity for float('inf')); null = no default.
/// AcceptsBoolean: graphite-web also lists True and False among the options for backwards compatibility
/// (smartSummarize alignTo, the former alignToFrom); a boolean is then bound unchanged.
/// </summary>
public sealed record ParamSpec(
    string Name,
    ParamType Type,
    bool Required = false,
    object? Default = null,
    bool Multiple = false,
    IReadOnlyList<string>? Options = null,
    IReadOnlyList<object>? Suggestions = null,
    bool AcceptsBoolean = false);
