using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Graph;

/// <summary>
/// graphite-web stacked: each series' values become the running per-index total over the series before
/// it (nulls stay null and add nothing), render option "stacked" = true. With the default stack the name
/// is "stacked(x)" and tag "stacked" = "__DEFAULT__"; a named stack keeps the name. pathExpression = the
/// name (TimeSeries.copy). The totals of a stack are carried across all targets of a request (the
/// context's TotalStack), so stacked(a)&amp;stacked(b) draws b on top of a.
/// </summary>
public sealed class Stacked : RenderFunction
{
    private const string DefaultStack = "__DEFAULT__";

    public override FunctionSignature Signature { get; } = new(
        "stacked", "Graph",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true, PythonName: "seriesLists"),
            new ParamSpec("stack", ParamType.String, PythonName: "stackName"),
        ],
        "Stacks the series on top of each other (running totals per point), optionally in a named stack.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string stack = args.String("stack") ?? DefaultStack;
        context.TotalStack ??= new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var totals = context.TotalStack.TryGetValue(stack, out var earlier) ? earlier : [];
        var results = new List<TimeSeries>();
        foreach (var s in args.SeriesList("seriesList"))
        {
            var values = new double[s.Values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                if (totals.Count <= i) totals.Add(0);
                if (double.IsNaN(s.Values[i])) { values[i] = double.NaN; continue; }
                totals[i] += s.Values[i];
                values[i] = totals[i];
            }
            string name = stack == DefaultStack ? $"stacked({s.Name})" : s.Name;
            var copy = s.Copy(name, values);
            copy.PathExpression = name;
            if (stack == DefaultStack) copy.Tags["stacked"] = stack;
            copy.Options["stacked"] = true;
            results.Add(copy);
        }
        context.TotalStack[stack] = totals;
        return results;
    }
}
