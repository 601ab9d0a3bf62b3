namespace Tsdb.Query.Functions;

/// <summary>graphite-web functions/params.py ParamTypes; the JSON name is the camelCase member name.</summary>
public enum ParamType
{
    AggFunc,
    AggOrSeriesFunc,
    Any,
    Boolean,
    Date,
    Float,
    Integer,
    Interval,
    IntOrInterval,
    IntOrInf,
    Node,
    NodeOrTag,
    Series,
    SeriesList,
    SeriesLists,
    String,
    Tag,
}
