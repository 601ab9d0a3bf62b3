namespace Tsdb.Query.Model;

/// <summary>
/// graphite-web's TimeSeries (render/datalib.py): a named list of values at Start + i*Step*ValuesPerPoint.
/// Values use double.NaN for null (Python None). End is exclusive: Start + Values.Length * Step for
/// fetched series. Functions may mutate a series they own; a function must copy (<see cref="Copy"/>)
/// before changing a series it did not create, because one fetched list may feed several targets.
/// A Values (or IntegerValues) array is never written once a series holds it: a function that changes values
/// builds a new array, so copies share arrays (a 6 h panel's series are 21,600 values each).
/// </summary>
public sealed class TimeSeries
{
    public TimeSeries(string name, long start, long end, long step, double[] values, string pathExpression, Tags? tags = null)
    {
        Name = name;
        Start = start;
        End = end;
        Step = step;
        Values = values;
        PathExpression = pathExpression;
        Tags = tags ?? Tags.ForNewSeries(name);
    }

    private string _name = "";

    /// <summary>The series name; setting one ends <see cref="NameIsNone"/>.</summary>
    public string Name
    {
        get => _name;
        set
        {
            _name = value;
            NameIsNone = false;
        }
    }

    /// <summary>Python's None as the name (graphite-web's verticalLine without a label): <see cref="Name"/> is "",
    /// the name tag "None"; JSON writes the target as null, raw as "None", csv as an empty field. Copies keep it
    /// until they are given a name.</summary>
    public bool NameIsNone { get; private set; }

    /// <summary>Makes the name Python's None (see <see cref="NameIsNone"/>).</summary>
    public void SetNameNone()
    {
        _name = "";
        NameIsNone = true;
        Tags["name"] = "None";
    }

    public long Start { get; set; }
    public long End { get; set; }
    public long Step { get; set; }
    public double[] Values { get; set; }

    /// <summary>
    /// Per-value "is a Python int" marks, for the few functions whose output values are ints
    /// (countSeries, changed, isNonNull, transformNull's int default, aggregate count, ...): json.dumps
    /// writes 0, not 0.0. Null means every value is a float; it may be shorter than Values (the rest are floats).
    /// </summary>
    public bool[]? IntegerValues { get; set; }

    /// <summary>The path pattern (or function-built name) the series came from; aggregate names are built from it.</summary>
    public string PathExpression { get; set; }

    /// <summary>Tags in insertion order (Python dict order drives the JSON key order).</summary>
    public Tags Tags { get; set; }

    public string ConsolidationFunc { get; set; } = "average";
    public int ValuesPerPoint { get; set; } = 1;

    /// <summary>Null = not set on the series (the request's xFilesFactor applies).</summary>
    public double? XFilesFactor { get; set; }

    /// <summary>Graph-group options (color, dashed, secondYAxis, stacked, ...): carried, not rendered by json.</summary>
    public Dictionary<string, object?> Options { get; } = new(StringComparer.Ordinal);

    /// <summary>A copy with its own tags and options (graphite functions that "copy" a series); the values array
    /// is shared unless <paramref name="values"/> replaces it (arrays are never written in place).</summary>
    public TimeSeries Copy(string? name = null, double[]? values = null)
    {
        var copy = new TimeSeries(name ?? Name, Start, End, Step, values ?? Values, PathExpression, Tags.Clone())
        {
            ConsolidationFunc = ConsolidationFunc,
            ValuesPerPoint = ValuesPerPoint,
            XFilesFactor = XFilesFactor,
            IntegerValues = values is null ? IntegerValues : null,
        };
        foreach (var kv in Options) copy.Options[kv.Key] = kv.Value;
        if (name is null && NameIsNone) copy.SetNameNone();
        return copy;
    }
}
