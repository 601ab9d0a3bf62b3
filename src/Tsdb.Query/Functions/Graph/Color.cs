using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Graph;

/// <summary>graphite-web color: sets the series colour (render option "color"); name, tags and values unchanged.</summary>
public sealed class Color : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "color", "Graph",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("theColor", ParamType.String, Required: true),
        ],
        "Sets the colour a renderer should draw the series with.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => RenderOptions.Set(args.SeriesList("seriesList"), "color",
            args.String("theColor") ?? throw new QueryException("color: theColor is required"));
}
