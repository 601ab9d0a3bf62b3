using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// graphite-web's render-option setters (color, alpha, lineWidth, dashed, drawAsInfinite, secondYAxis):
/// each series copied with one entry of its render options set; values and pathExpression kept.
/// </summary>
public static class RenderOptions
{
    /// <summary>
    /// Copies with <paramref name="option"/> = <paramref name="value"/>, renamed by <paramref name="rename"/>
    /// when given, and with tag <paramref name="option"/> = <paramref name="tag"/> when given.
    /// </summary>
    public static List<TimeSeries> Set(IEnumerable<TimeSeries> seriesList, string option, object? value,
        Func<TimeSeries, string>? rename = null, string? tag = null)
        => seriesList.Select(s =>
        {
            var copy = s.Copy(rename?.Invoke(s));
            copy.Options[option] = value;
            if (tag is not null) copy.Tags[option] = tag;
            return copy;
        }).ToList();

    /// <summary>The boolean flags (drawAsInfinite, secondYAxis): option = true, name "&lt;option&gt;(x)", tag option = "1".</summary>
    public static List<TimeSeries> Flag(IEnumerable<TimeSeries> seriesList, string option)
        => Set(seriesList, option, true, s => $"{option}({s.Name})", "1");
}
