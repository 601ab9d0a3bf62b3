using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Calculate;

/// <summary>
/// graphite-web movingMin: movingWindow with "min" (see <see cref="MovingWindow"/>): the window of the previous
/// windowSize points (or interval) before each point, re-fetched from before the requested range.
/// </summary>
public sealed class MovingMin : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "movingMin", "Calculate",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("windowSize", ParamType.IntOrInterval, Required: true, Suggestions: MovingWindowSuggestions.Values),
            new ParamSpec("xFilesFactor", ParamType.Float),
        ],
        "The minimum of the previous windowSize points (or interval) at each point.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => MovingWindow.Evaluate(context, args, "min");
}
