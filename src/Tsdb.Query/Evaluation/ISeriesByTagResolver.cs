namespace Tsdb.Query.Evaluation;

/// <summary>
/// The tag index as the evaluator sees it (graphite-web TagDB.find_series): the canonical series names
/// matching every tag expression of one seriesByTag call ('name=disk.used', 'dc=~eu.*'), sorted.
/// A bad expression throws a QueryException. Without a resolver seriesByTag yields no series.
/// </summary>
public interface ISeriesByTagResolver
{
    IReadOnlyList<string> FindSeries(IReadOnlyList<string> tagExpressions);
}
