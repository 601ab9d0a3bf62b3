using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Alias;

/// <summary>
/// graphite-web aliasSub: Python re.sub(search, replace, name) on every series name, all matches.
/// Replacement group references \1, \g&lt;1&gt;, \g&lt;name&gt; work as in Python; Grafana 12 wraps every
/// target as aliasSub(q, "(^.*$)", "\1 A") and splits the refId back off the name. Tags and
/// pathExpression are kept.
/// </summary>
public sealed class AliasSub : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "aliasSub", "Alias",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("search", ParamType.String, Required: true),
            new ParamSpec("replace", ParamType.String, Required: true),
        ],
        "Rewrites each series name with a regular expression substitution (Python re.sub syntax, \\1 for groups).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string search = args.String("search") ?? throw new QueryException("aliasSub: search is required");
        string replace = args.String("replace") ?? throw new QueryException("aliasSub: replace is required");
        var series = args.SeriesList("seriesList");
        // graphite-web calls re.sub once per series: with no series, a bad pattern or replacement is never compiled.
        if (series.Count == 0) return series;
        var compiled = PythonRegex.Compile(search);
        string netReplace = PythonRegex.TranslateReplacement(replace, compiled);
        return series
            .Select(s => s.Copy(name: compiled.Regex.Replace(s.Name, netReplace)))
            .ToList();
    }
}
