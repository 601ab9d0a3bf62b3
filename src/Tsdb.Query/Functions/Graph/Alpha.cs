using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Graph;

/// <summary>graphite-web alpha: sets the render option "alpha"; name, tags and values unchanged.</summary>
public sealed class Alpha : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "alpha", "Graph",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("alpha", ParamType.Float, Required: true),
        ],
        "Sets the opacity (0..1) a renderer should draw the series with.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => RenderOptions.Set(args.SeriesList("seriesList"), "alpha",
            args.Double("alpha") ?? throw new QueryException("alpha: alpha is required"));
}
