using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web groupByTags: series grouped by the key "&lt;name&gt;;tag1=v1;..." (the "tag=value" texts
/// sorted, a missing tag giving an empty value) in first-seen order, where &lt;name&gt; is the common "name"
/// tag of all inputs, else the callback text; when "name" is itself one of the tags each series' own name
/// tag is used. Each group is combined by callback (series function or aggregation, as groupByNode) and
/// gets name = pathExpression = key and the tags parsed from the key. No tags is a 400.
/// </summary>
public sealed class GroupByTags : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "groupByTags", "Combine",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("callback", ParamType.AggOrSeriesFunc, Required: true),
            new ParamSpec("tags", ParamType.Tag, Required: true, Multiple: true),
        ],
        "Groups series by the values of the given tags and combines each group with a series or aggregation function.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var seriesList = args.SeriesList("seriesList");
        string callback = args.String("callback") ?? throw new QueryException("groupByTags: callback is required");
        var tags = args.Multiple("tags").Select(TagValue.Of).ToList();
        if (tags.Count == 0) throw new QueryException("groupByTags(): no tags specified");
        bool byName = tags.Contains("name");
        string? commonName = null;
        if (!byName)
        {
            var names = seriesList.Select(s => s.Tags["name"] ?? "").Distinct().ToList();
            commonName = names.Count == 1 ? names[0] : callback;
        }

        string Key(TimeSeries series)
        {
            var parts = tags.Where(t => t != "name").Select(t => t + "=" + (series.Tags[t] ?? "")).Order(StringComparer.Ordinal);
            return string.Join(";", new[] { byName ? series.Tags["name"] ?? "" : commonName! }.Concat(parts));
        }

        var result = SeriesFunctionCallback.CombineGroups(context, callback, seriesList.GroupBy(Key, StringComparer.Ordinal));
        foreach (var series in result)
        {
            series.PathExpression = series.Name;
            series.Tags = Tags.Parse(series.Name);
        }
        return result;
    }
}
