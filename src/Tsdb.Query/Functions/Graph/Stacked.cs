using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Graph;

/// <summary>
/// graphite-web stacked: each series' values become the running per-index total over the series before
/// it (nulls stay null and add nothing), render option "stacked" = true. With the default stack the name
/// is "stacked(x)" and tag "stacked" = "__DEFAULT__"; a named stack keeps the name. pathExpression = the
/// name (TimeSeries.copy). The totals of a stack are carried across all targets of a request (the
/// context's TotalStack), so stacked(a)&amp;stacked(b) draws b on top of a. A total is a Python int (from the int
/// 0 it starts at) until a float is added at its index, in this target or an earlier one.
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
        context.TotalStack ??= new Dictionary<string, List<(double Sum, bool IsInt)>>(StringComparer.Ordinal);
        var totals = context.TotalStack.TryGetValue(stack, out var earlier) ? earlier : [];
        var results = new List<TimeSeries>();
        foreach (var s in args.SeriesList("seriesList"))
        {
            var values = new double[s.Values.Length];
            var ints = new bool[values.Length];
            var marks = s.IntegerValues;
            for (int i = 0; i < values.Length; i++)
            {
                if (totals.Count <= i) totals.Add((0, true));
                if (double.IsNaN(s.Values[i])) { values[i] = double.NaN; continue; }
                var (sum, isInt) = totals[i];
                totals[i] = (sum + s.Values[i], isInt && marks is not null && i < marks.Length && marks[i]);
                (values[i], ints[i]) = totals[i];
            }
            string name = stack == DefaultStack ? $"stacked({s.Name})" : s.Name;
            var copy = s.Copy(name, values);
            copy.PathExpression = name;
            copy.IntegerValues = Array.IndexOf(ints, true) >= 0 ? ints : null;
            if (stack == DefaultStack) copy.Tags["stacked"] = stack;
            copy.Options["stacked"] = true;
            results.Add(copy);
        }
        context.TotalStack[stack] = totals;
        return results;
    }
}
