namespace Tsdb.Query.Functions;

/// <summary>
/// One parameter of a render function (graphite-web functions/params.py Param). The single source for
/// argument binding, validation and the /functions JSON.
/// Default: a C# value of the Python default (long for int, double for float, string, bool;
/// double.PositiveInfinity for float('inf')); null = no default.
/// AcceptsBoolean: graphite-web also lists True and False among the options for backwards compatibility
/// (smartSummarize alignTo, the former alignToFrom); a boolean is then bound unchanged.
/// PythonName: the name of the Python function's parameter where it differs from the metadata's (timeShift
/// alignDST, stacked stackName). Debian's graphite-web only logs failed validation and calls the function
/// with the keyword arguments as given, so a keyword argument binds by the Python name, and a Multiple
/// param (a Python *args) cannot be given by keyword at all.
/// </summary>
public sealed record ParamSpec(
    string Name,
    ParamType Type,
    bool Required = false,
    object? Default = null,
    bool Multiple = false,
    IReadOnlyList<string>? Options = null,
    IReadOnlyList<object>? Suggestions = null,
    bool AcceptsBoolean = false,
    string? PythonName = null)
{
    /// <summary>The name a keyword argument must use to bind to this param; null when none can.</summary>
    public string? KeywordName => Multiple ? null : PythonName ?? Name;
}
