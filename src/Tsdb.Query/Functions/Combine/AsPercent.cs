using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web asPercent (alias pct): (v / t) * 100 in that order, null where v is null or t is null/0.
/// Without nodes, t is: the per-index sum of the inputs (name "asPercent(x,sumSeries(&lt;pathExprs&gt;))"),
/// a number (name "asPercent(x,100)", as Python str()), one total series ("asPercent(x,t)"), or as many
/// total series as inputs (pairs after sorting both by name). Other counts are a 400. With nodes, inputs
/// and totals are grouped by node key: groups of several totals (or of inputs when no total is given)
/// are summed, and a key missing on one side gives an all-null "asPercent(x,MISSING)" /
/// "asPercent(MISSING,t)". Results carry tags {"name": name} and the request xFilesFactor.
/// Upstream quirks kept: without nodes the result keeps each input's own start/end/step while its values
/// are consolidated to the common step; with nodes a MISSING series takes the range of the previously
/// normalized pair (its own range when there is none, where graphite-web fails).
/// </summary>
public sealed class AsPercent : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "asPercent", "Combine",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("total", ParamType.Any),
            new ParamSpec("nodes", ParamType.NodeOrTag, Multiple: true),
        ],
        "Each series as a percentage of a total: the sum of the series, a number, or total series (optionally matched by nodes).",
        Aliases: ["pct"],
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var seriesList = args.SeriesList("seriesList");
        if (seriesList.Count == 0) return [];
        object? total = args["total"];
        var nodes = args.Multiple("nodes");
        return nodes.Count > 0
            ? ByNodes(context, seriesList, total, nodes)
            : Plain(context, seriesList, total);
    }

    private static List<TimeSeries> Plain(EvaluationContext context, List<TimeSeries> seriesList, object? total)
    {
        double xff = context.XFilesFactor;
        if (total is List<TimeSeries> totals)
        {
            if (totals.Count != 1 && totals.Count != seriesList.Count)
                throw new QueryException("asPercent second argument must be missing, a single digit, reference exactly 1 series or reference the same number of series as the first argument");
            if (totals.Count == seriesList.Count)
            {
                var left = seriesList.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
                var right = totals.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
                return left.Zip(right, (a, b) => PercentOfPair(context, a, b)).ToList();
            }
            // One total: everything is normalized together, each input against the consolidated total.
            var all = StepNormalizer.Normalize([.. seriesList, totals[0]], xff)!;
            double[] totalValues = all.Values[^1];
            return seriesList.Select((s, i) => Result($"asPercent({s.Name},{totals[0].Name})", s,
                Percent(all.Values[i], totalValues), xff)).ToList();
        }

        var normalized = StepNormalizer.Normalize(seriesList, xff)!;
        double[] denominators;
        string totalText;
        if (total is null)
        {
            denominators = SeriesAggregation.CombineRows(normalized.Values, row => Aggregators.Sum(row));
            totalText = $"sumSeries({SeriesAggregation.FormatPathExpressions(seriesList)})";
        }
        else if (total is long or int or double)
        {
            double t = Convert.ToDouble(total);
            denominators = Enumerable.Repeat(t, seriesList[0].Values.Length).ToArray();
            totalText = TagValue.Of(total);
        }
        else
        {
            throw new QueryException($"asPercent total must be a number or a seriesList, got {TagValue.Of(total)}");
        }
        return seriesList.Select((s, i) => Result($"asPercent({s.Name},{totalText})", s,
            Percent(normalized.Values[i], denominators), xff)).ToList();
    }

    private static List<TimeSeries> ByNodes(EvaluationContext context, List<TimeSeries> seriesList, object? total,
        IReadOnlyList<object?> nodes)
    {
        double xff = context.XFilesFactor;
        long topStep = seriesList.Select(s => s.Step).Aggregate(StepNormalizer.Lcm);
        var keys = new List<string>();
        var groups = GroupByKey(seriesList, nodes, keys);

        Dictionary<string, List<TimeSeries>> totalGroups;
        if (total is null) totalGroups = groups;
        else if (total is List<TimeSeries> totalList) totalGroups = GroupByKey(totalList, nodes, keys);
        else throw new QueryException("total must be None or a seriesList");
        var totals = totalGroups.ToDictionary(g => g.Key, g => SumOrSingle(g.Value, xff));

        var result = new List<TimeSeries>();
        // Upstream's start/end/step are left bound by the last group of totals it summed (first-seen key order),
        // then by each pair it normalizes; a MISSING series takes whatever they hold.
        (long Start, long End, long Step)? lastRange = null;
        foreach (var (key, members) in totalGroups)
            if (members.Count > 1) lastRange = (totals[key].Start, totals[key].End, totals[key].Step);
        foreach (var key in keys)
        {
            if (!groups.TryGetValue(key, out var members))
            {
                var t = totals[key];
                string name = $"asPercent(MISSING,{t.Name})";
                var range = lastRange ?? (t.Start, t.End, t.Step);
                result.Add(AllNull(name, range, t.Values.Length, xff));
                continue;
            }
            foreach (var s in members)
            {
                if (!totals.TryGetValue(key, out var t))
                {
                    string name = $"asPercent({s.Name},MISSING)";
                    var range = lastRange ?? (s.Start, s.End, s.Step);
                    int length = StepNormalizer.Consolidate(s, topStep / s.Step, xff).Length;
                    result.Add(AllNull(name, range, length, xff));
                    continue;
                }
                var pair = PercentOfPair(context, s, t);
                lastRange = (pair.Start, pair.End, pair.Step);
                result.Add(pair);
            }
        }
        return result;
    }

    private static Dictionary<string, List<TimeSeries>> GroupByKey(List<TimeSeries> list, IReadOnlyList<object?> nodes, List<string> keys)
    {
        var groups = new Dictionary<string, List<TimeSeries>>(StringComparer.Ordinal);
        foreach (var s in list)
        {
            string key = NodeKeys.AggKey(s, nodes);
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                if (!keys.Contains(key)) keys.Add(key);
            }
            members.Add(s);
        }
        return groups;
    }

    /// <summary>A group's total: its only member, or "sumSeries(&lt;pathExprs&gt;)" of the normalized members.</summary>
    private static TimeSeries SumOrSingle(List<TimeSeries> members, double xff)
    {
        if (members.Count == 1) return members[0];
        string name = $"sumSeries({SeriesAggregation.FormatPathExpressions(members)})";
        var n = StepNormalizer.Normalize(members, xff)!;
        var values = SeriesAggregation.CombineRows(n.Values, row => Aggregators.Sum(row));
        return new TimeSeries(name, n.Start, n.End, n.Step, values, name, new Tags { ["name"] = name }) { XFilesFactor = xff };
    }

    private static TimeSeries PercentOfPair(EvaluationContext context, TimeSeries series, TimeSeries total)
    {
        string name = $"asPercent({series.Name},{total.Name})";
        var n = StepNormalizer.Normalize([series, total], context.XFilesFactor)!;
        var values = Percent(n.Values[0], n.Values[1]);
        return new TimeSeries(name, n.Start, n.End, n.Step, values, name, new Tags { ["name"] = name })
        {
            XFilesFactor = context.XFilesFactor,
        };
    }

    /// <summary>Python zip_longest of values and totals: safeMul(safeDiv(v, t), 100.0).</summary>
    private static double[] Percent(double[] values, double[] totals)
        => SeriesAggregation.CombineRows([values, totals], row => DivideSeries.SafeDivide(row[0], row[1]) * 100.0);

    private static TimeSeries Result(string name, TimeSeries like, double[] values, double xff)
        => new(name, like.Start, like.End, like.Step, values, name, new Tags { ["name"] = name }) { XFilesFactor = xff };

    private static TimeSeries AllNull(string name, (long Start, long End, long Step) range, int length, double xff)
        => new(name, range.Start, range.End, range.Step, Enumerable.Repeat(double.NaN, length).ToArray(), name,
            new Tags { ["name"] = name }) { XFilesFactor = xff };
}
