using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Alias;

/// <summary>
/// graphite-web alias: every series renamed to newName literally (no % formatting). Tags and
/// pathExpression are kept, so an enclosing sumSeries still names the original pattern.
/// </summary>
public sealed class Alias : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "alias", "Alias",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("newName", ParamType.String, Required: true),
        ],
        "Renames every series to the given text.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string newName = args.String("newName") ?? throw new QueryException("alias: newName is required");
        return args.SeriesList("seriesList").Select(s => s.Copy(name: newName)).ToList();
    }
}
