using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Special;

/// <summary>
/// graphite-web consolidateBy: only sets the function used when points are consolidated (maxDataPoints,
/// step normalization). Name 'consolidateBy(x,"max")', pathExpression = the new name, tag
/// "consolidateBy". An unknown function is a 400 here (graphite-web fails later with a 500).
/// </summary>
public sealed class ConsolidateBy : RenderFunction
{
    public static readonly IReadOnlyList<string> AllowedFunctions = ["sum", "average", "avg", "avg_zero", "min", "max", "first", "last"];

    public override FunctionSignature Signature { get; } = new(
        "consolidateBy", "Special",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("consolidationFunc", ParamType.String, Required: true, Options: AllowedFunctions),
        ],
        "Sets how several points are combined into one when a series is consolidated for display.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string func = args.String("consolidationFunc") ?? throw new QueryException("consolidateBy: consolidationFunc is required");
        if (!AllowedFunctions.Contains(func))
            throw new QueryException($"Invalid consolidation function: '{func}' (expected one of {string.Join(", ", AllowedFunctions)})");
        return args.SeriesList("seriesList").Select(s =>
        {
            string name = $"consolidateBy({s.Name},\"{func}\")";
            var copy = s.Copy(name);
            copy.ConsolidationFunc = func;
            copy.PathExpression = name;
            copy.Tags["consolidateBy"] = func;
            return copy;
        }).ToList();
    }
}
