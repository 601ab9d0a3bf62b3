using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Alias;

/// <summary>
/// graphite-web aliasByMetric (substr(seriesList, -1)): the text between the last '(' and the first ')'
/// (the whole name if neither), its last '.' node, cut at the first ','. Tags and pathExpression kept.
/// </summary>
public sealed class AliasByMetric : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "aliasByMetric", "Alias",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)],
        "Renames each series to the last node of its metric path.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => args.SeriesList("seriesList").Select(s => s.Copy(name: MetricName(s.Name))).ToList();

    public static string MetricName(string name)
    {
        int left = name.LastIndexOf('(') + 1;
        int right = name.IndexOf(')');
        // Python slicing: a ')' before the last '(' gives an empty slice; none means "to the end".
        string clean = right < 0 ? name[left..] : right > left ? name[left..right] : "";
        string last = clean[(clean.LastIndexOf('.') + 1)..];
        int comma = last.IndexOf(',');
        return comma >= 0 ? last[..comma] : last;
    }
}
