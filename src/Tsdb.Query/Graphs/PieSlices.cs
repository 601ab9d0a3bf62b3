using Tsdb.Query.Api;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions;

namespace Tsdb.Query.Graphs;

/// <summary>
/// The slices of a graphType=pie request, as graphite-web's renderView builds them: a target "name:value" is a
/// slice as written; any other target is evaluated and each of its series becomes a slice named for the series,
/// of the pieMode (average, maximum or minimum) of its non-null values, 0 when it has none.
/// </summary>
public static class PieSlices
{
    public static async Task<List<(string Name, double Value)>> EvaluateAsync(RenderRequest request, Evaluator evaluator,
        EvaluationContext context)
    {
        Func<ReadOnlySpan<double>, double> reduce = request.PieMode switch
        {
            "average" => Aggregators.Average,
            "maximum" => Aggregators.Max,
            "minimum" => Aggregators.Min,
            _ => throw new QueryException($"unknown pieMode '{request.PieMode}', must be one of average, maximum, minimum"),
        };
        var slices = new List<(string, double)>();
        foreach (var target in request.Targets)
        {
            int colon = target.IndexOf(':');
            if (colon >= 0)
            {
                string text = target[(colon + 1)..];
                if (!PythonParse.TryFloat(text, out var value)) throw new QueryException($"Invalid target '{target}'");
                slices.Add((target[..colon], value));
                continue;
            }
            foreach (var series in await evaluator.EvaluateTargetsAsync([target], context).ConfigureAwait(false))
            {
                double value = reduce(series.Values);
                slices.Add((series.Name, double.IsNaN(value) ? 0 : value));
            }
        }
        return slices;
    }
}
