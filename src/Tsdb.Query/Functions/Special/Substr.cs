using System.Text.RegularExpressions;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Special;

/// <summary>
/// graphite-web substr: the text between the last '(' and the first ')' of the name is split on '.' and
/// sliced Python-style [start:stop] (stop 0 = to the end), re-joined with '.', and cut at the first ','.
/// Only the name changes.
/// </summary>
public sealed partial class Substr : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "substr", "Special",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("start", ParamType.Node, Default: 0L),
            new ParamSpec("stop", ParamType.Node, Default: 0L),
        ],
        "Renames each series to a slice of its path nodes.");

    [GeneratedRegex(",.*$")]
    private static partial Regex FromComma();

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        long start = args.Long("start") ?? 0;
        long stop = args.Long("stop") ?? 0;
        return args.SeriesList("seriesList").Select(s =>
        {
            string name = s.Name;
            int left = name.LastIndexOf('(') + 1;
            int right = name.IndexOf(')');
            if (right < 0) right = name.Length + 1;
            string clean = Slice(name, left, right);
            var parts = clean.Split('.');
            int from = Clamp(start, parts.Length);
            int to = stop == 0 ? parts.Length : Clamp(stop, parts.Length);
            string newName = string.Join(".", parts[from..Math.Max(from, to)]);
            return s.Copy(name: FromComma().Replace(newName, "", 1));
        }).ToList();
    }

    /// <summary>Python slice bounds: negative from the end, clamped to [0, length].</summary>
    private static int Clamp(long i, int length) => (int)Math.Clamp(i < 0 ? length + i : i, 0, length);

    private static string Slice(string text, int left, int right)
    {
        int from = Clamp(left, text.Length), to = Clamp(right, text.Length);
        return to > from ? text[from..to] : "";
    }
}
