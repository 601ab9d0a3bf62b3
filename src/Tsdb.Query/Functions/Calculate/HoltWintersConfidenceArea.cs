using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Graph;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Calculate;

/// <summary>
/// graphite-web holtWintersConfidenceArea: areaBetween of the two confidence bands (so exactly one input
/// series), both renamed "holtWintersConfidenceArea(&lt;pathExpression&gt;)" (also their pathExpression),
/// tag areaBetween replaced by holtWintersConfidenceArea = "1".
/// </summary>
public sealed class HoltWintersConfidenceArea : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "holtWintersConfidenceArea", "Calculate", HoltWinters.Params(withDelta: true),
        "The area between the Holt-Winters confidence bands of a series.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var bands = HoltWinters.ConfidenceBands(context, args);
        var areaArgs = new CallArguments();
        areaArgs.Set("seriesList", bands);
        var results = new AreaBetween().Evaluate(context, areaArgs);
        foreach (var series in results)
        {
            series.Tags.Remove("areaBetween");
            series.Tags["holtWintersConfidenceArea"] = "1";
            series.Name = series.Name.Replace("areaBetween", "holtWintersConfidenceArea");
            series.PathExpression = series.Name;
        }
        return results;
    }
}
