namespace Tsdb.Query.Cluster;

/// <summary>
/// graphite-web 1.1.8 render/datalib.py _merge_results with the default REMOTE_STORE_MERGE_RESULTS=True:
/// the first copy of a name is kept; a later copy of the same name, if the kept one still has nulls
/// and the later one is not empty, fills the kept one's nulls when both have the same length, or
/// otherwise replaces it (and, as upstream, is then counted as having no nulls). Results sorted by name.
/// Candidates must come local first, then peers in configuration order, as STORE.fetch yields them.
/// </summary>
public static class SeriesMerge
{
    public static List<PeerSeries> Merge(IEnumerable<PeerSeries> candidates)
    {
        var byName = new Dictionary<string, PeerSeries>(StringComparer.Ordinal);
        var bestNones = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var series in candidates)
        {
            if (!byName.TryGetValue(series.Name, out var known))
            {
                byName[series.Name] = series with { Values = (double[])series.Values.Clone() };
                continue;
            }
            if (!bestNones.TryGetValue(series.Name, out int knownNones))
                bestNones[series.Name] = knownNones = known.Values.Count(double.IsNaN);
            if (knownNones <= 0 || series.Values.Length == 0) continue;
            if (series.Values.Length == known.Values.Length)
            {
                for (int i = 0; i < known.Values.Length; i++)
                {
                    if (double.IsNaN(known.Values[i]) && !double.IsNaN(series.Values[i]))
                    {
                        known.Values[i] = series.Values[i];
                        knownNones--;
                    }
                }
                bestNones[series.Name] = knownNones;
            }
            else
            {
                bestNones[series.Name] = 0;
                byName[series.Name] = series with { Values = (double[])series.Values.Clone() };
            }
        }
        return byName.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }
}
