using Tsdb.Core.Tags;
using Tsdb.Query.Functions;

namespace Tsdb.Query.Evaluation;

/// <summary>seriesByTag's lookup through the tag database (graphite-web storage.py _tag_patterns →
/// tagdb.find_series). A bad expression or the empty-string rule becomes a QueryException, i.e. a 400
/// from /render (Debian's graphite-web lets that ValueError escape as a 500).</summary>
public sealed class TagDatabaseResolver(ITagDatabase tags) : ISeriesByTagResolver
{
    public IReadOnlyList<string> FindSeries(IReadOnlyList<string> tagExpressions)
    {
        try
        {
            return tags.FindSeries(tagExpressions);
        }
        catch (TagQueryException e)
        {
            throw new QueryException(e.Message);
        }
    }
}
