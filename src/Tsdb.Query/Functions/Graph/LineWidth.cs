using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Graph;

/// <summary>graphite-web lineWidth: sets the render option "lineWidth"; name, tags and values unchanged.</summary>
public sealed class LineWidth : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "lineWidth", "Graph",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("width", ParamType.Float, Required: true),
        ],
        "Sets the line width a renderer should draw the series with.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => RenderOptions.Set(args.SeriesList("seriesList"), "lineWidth",
            args.Double("width") ?? throw new QueryException("lineWidth: width is required"));
}
