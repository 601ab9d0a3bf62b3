using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// graphite-web's aggOrSeriesFunc callbacks (groupByNode(s), groupByTags): a registered series function
/// (sumSeries, sum, avg, multiplySeries, ...) is called with one series list as its first argument and
/// every other parameter at its default; any other name is an aggregate() function (average, sum, ...).
/// Pie-chart functions (average, maximum, minimum) are not series functions, so "average" aggregates.
/// </summary>
public static class SeriesFunctionCallback
{
    public static List<TimeSeries> Invoke(EvaluationContext context, string callback, List<TimeSeries> seriesList)
    {
        var function = context.ResolveFunction(callback);
        if (function is null || function.Signature.Pie || function.Signature.Params.Count == 0
            || function.Signature.Params[0].Type is not (ParamType.SeriesList or ParamType.Series))
            return SeriesAggregation.Aggregate(context, seriesList, callback);

        var args = new CallArguments();
        var first = function.Signature.Params[0];
        args.Set(first.Name, first.Multiple ? new List<object?> { seriesList } : seriesList);
        foreach (var p in function.Signature.Params.Skip(1))
            args.Set(p.Name, p.Multiple ? new List<object?>() : p.Default);
        return function.Evaluate(context, args);
    }

    /// <summary>
    /// groupByNode(s)/groupByTags: each group (in the order given) combined by <paramref name="callback"/>
    /// and its first result renamed to the group key; a group the callback turns into no series is left out.
    /// </summary>
    public static List<TimeSeries> CombineGroups(EvaluationContext context, string callback,
        IEnumerable<IGrouping<string, TimeSeries>> groups)
    {
        var result = new List<TimeSeries>();
        foreach (var group in groups)
        {
            var members = group.ToList();
            var combined = Invoke(context, callback, members);
            if (combined.Count == 0) continue;
            // The callback may hand back an input series unchanged (multiplySeries of one series): copy before
            // renaming; a series the callback made is renamed as is.
            var first = combined[0];
            if (members.Exists(m => ReferenceEquals(m, first))) result.Add(first.Copy(name: group.Key));
            else
            {
                first.Name = group.Key;
                result.Add(first);
            }
        }
        return result;
    }
}
