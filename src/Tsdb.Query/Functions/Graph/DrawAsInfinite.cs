using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Graph;

/// <summary>graphite-web drawAsInfinite: render option "drawAsInfinite" = true, name "drawAsInfinite(x)" (pathExpression kept), tag "drawAsInfinite" = "1".</summary>
public sealed class DrawAsInfinite : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "drawAsInfinite", "Graph",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
        ],
        "Draws a vertical line at each non-zero value (for event-like series).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => RenderOptions.Flag(args.SeriesList("seriesList"), "drawAsInfinite");
}
