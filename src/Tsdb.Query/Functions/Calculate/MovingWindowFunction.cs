using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Calculate;

/// <summary>
/// graphite-web movingWindow(seriesList, windowSize, func='average', xFilesFactor=None): any aggregation
/// over the previous windowSize points (or interval); see <see cref="MovingWindow"/>. The name uses the
/// capitalized aggregation: movingWindow(x,5,'max') is named "movingMax(x,5)".
/// </summary>
public sealed class MovingWindowFunction : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "movingWindow", "Calculate",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("windowSize", ParamType.IntOrInterval, Required: true, Suggestions: MovingWindowSuggestions.Values),
            new ParamSpec("func", ParamType.AggFunc, Default: "average", Options: Aggregators.Names),
            new ParamSpec("xFilesFactor", ParamType.Float),
        ],
        "An aggregation function over the previous windowSize points (or interval) at each point.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => MovingWindow.Evaluate(context, args, args.String("func") ?? "average");
}
