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

        var groups = new Dictionary<string, List<TimeSeries>>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var series in seriesList)
        {
            var parts = tags.Where(t => t != "name").Select(t => t + "=" + (series.Tags[t] ?? "")).Order(StringComparer.Ordinal);
            string key = string.Join(";", new[] { byName ? series.Tags["name"] ?? "" : commonName! }.Concat(parts));
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                keys.Add(key);
            }
            members.Add(series);
        }

        var result = new List<TimeSeries>(keys.Count);
        foreach (var key in keys)
        {
            var combined = SeriesFunctionCallback.Invoke(context, callback, groups[key]);
            if (combined.Count == 0) continue;
            var series = combined[0].Copy(name: key);
            series.PathExpression = key;
            series.Tags = Tags.Parse(key);
            result.Add(series);
        }
        return result;
    }
}
