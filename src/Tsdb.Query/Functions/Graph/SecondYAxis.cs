using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Graph;

/// <summary>graphite-web secondYAxis: render option "secondYAxis" = true, name "secondYAxis(x)" (pathExpression kept), tag "secondYAxis" = "1".</summary>
public sealed class SecondYAxis : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "secondYAxis", "Graph",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
        ],
        "Draws the series against a second Y axis on the right.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => RenderOptions.Flag(args.SeriesList("seriesList"), "secondYAxis");
}
