namespace Tsdb.Core.Tags;

/// <summary>
/// The tags of a canonical tagged name (graphite-web tags/utils.py TaggedSeries.parse of a name that is
/// already canonical): <c>metric;t1=v1;t2=v2</c> gives t1, t2 in written order, then <c>name</c> = the
/// metric with leading '~' removed. Null when the name does not parse as carbon's tagged form.
/// </summary>
public static class TaggedName
{
    public static IReadOnlyList<KeyValuePair<string, string>>? Parse(string name)
    {
        var segments = name.Split(';');
        if (segments[0].Length == 0) return null;
        var tags = new List<KeyValuePair<string, string>>(segments.Length);
        for (int i = 1; i < segments.Length; i++)
        {
            int eq = segments[i].IndexOf('=');
            if (eq <= 0 || eq == segments[i].Length - 1) return null;
            string tag = segments[i][..eq];
            int existing = tags.FindIndex(kv => kv.Key == tag);
            var pair = new KeyValuePair<string, string>(tag, segments[i][(eq + 1)..]);
            if (existing >= 0) tags[existing] = pair;
            else tags.Add(pair);
        }
        string metric = segments[0].TrimStart('~');
        if (metric.Length == 0) return null;
        tags.RemoveAll(kv => kv.Key == "name");
        tags.Add(new("name", metric));
        return tags;
    }
}
