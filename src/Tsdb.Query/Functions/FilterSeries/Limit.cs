using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>graphite-web limit: the first n series (Python slice seriesList[0:n]; negative n drops from the end).</summary>
public sealed class Limit : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "limit", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Integer, Required: true),
        ],
        "Keeps only the first n series.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => PythonSlice.Head(args.SeriesList("seriesList"), args.Long("n") ?? throw new QueryException("limit: n is required"));
}
