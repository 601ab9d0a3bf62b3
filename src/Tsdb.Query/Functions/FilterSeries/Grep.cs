using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>graphite-web grep: keeps the series whose name matches a regular expression anywhere (Python re.search semantics, see <see cref="PythonRegex"/>).</summary>
public sealed class Grep : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "grep", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("pattern", ParamType.String, Required: true),
        ],
        "Keeps the series whose name matches a regular expression (Python re.search).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var regex = PythonRegex.Compile(args.String("pattern") ?? throw new QueryException("grep: pattern is required")).Regex;
        return args.SeriesList("seriesList").Where(s => regex.IsMatch(s.Name) == true).ToList();
    }
}
