using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web groupByTags: series grouped by the key "&lt;name&gt;;tag1=v1;..." (the "tag=value" texts
/// sorted, a missing tag giving an empty value) in first-seen order, where &lt;name&gt; is the common "name"
/// tag of all inputs, else the callback text; when "name" is itself one of the tags each series' own name
/// tag is used. Each group is combined by callback (series function or aggregation, as groupByNode) and
/// gets name = pathExpression = key and the tags parsed from the key. No tags is a 400, and so is a series
/// without one of the tags: graphite-web builds the key with an empty value and then fails to parse it
/// ('Value for tag "dc" may not be empty', a 500 there); the same message is answered as a 400.
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
            var parts = tags.Where(t => t != "name").Select(t => (Tag: t, Text: t + "=" + series.Tags[t]))
                .OrderBy(p => p.Text, StringComparer.Ordinal).ToList();
            var missing = parts.FirstOrDefault(p => string.IsNullOrEmpty(series.Tags[p.Tag]));
            if (missing.Tag is not null) throw new QueryException($"Value for tag \"{missing.Tag}\" may not be empty");
            return string.Join(";", new[] { byName ? series.Tags["name"] ?? "" : commonName! }.Concat(parts.Select(p => p.Text)));
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
