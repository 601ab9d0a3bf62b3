namespace Tsdb.Query.Functions.Support;

/// <summary>Python list slicing for the functions that return seriesList[:n] (negative n counts from the end).</summary>
public static class PythonSlice
{
    public static List<T> Head<T>(IReadOnlyList<T> list, long n)
    {
        long end = n < 0 ? Math.Max(0, list.Count + n) : Math.Min(list.Count, n);
        return list.Take((int)end).ToList();
    }
}
