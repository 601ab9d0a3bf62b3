using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
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
    {
        object? value = args.Double("width") ?? throw new QueryException("lineWidth: width is required");
        return args.SeriesList("seriesList").Select(s =>
        {
            var copy = s.Copy();
            copy.Options["lineWidth"] = value;
            return copy;
        }).ToList();
    }
}
