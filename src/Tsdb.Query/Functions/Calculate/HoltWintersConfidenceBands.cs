using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Calculate;

/// <summary>graphite-web holtWintersConfidenceBands: per series a lower and an upper band, see <see cref="HoltWinters.ConfidenceBands"/>.</summary>
public sealed class HoltWintersConfidenceBands : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "holtWintersConfidenceBands", "Calculate", HoltWinters.Params(withDelta: true),
        "Upper and lower bands of delta times the Holt-Winters predicted deviation around the forecast.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => HoltWinters.ConfidenceBands(context, args);
}
