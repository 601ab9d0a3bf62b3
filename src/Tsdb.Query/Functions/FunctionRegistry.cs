using System.Reflection;

namespace Tsdb.Query.Functions;

/// <summary>
/// All render functions, found by reflection over this assembly: every public non-abstract
/// <see cref="RenderFunction"/> with a parameterless constructor. Lookup is by registry name or alias
/// (graphite-web registers aliases such as sum -> sumSeries as separate names).
/// </summary>
public sealed class FunctionRegistry
{
    private readonly Dictionary<string, RenderFunction> _byName = new(StringComparer.Ordinal);

    public FunctionRegistry(IEnumerable<RenderFunction> functions)
    {
        foreach (var f in functions)
        {
            Add(f.Signature.Name, f);
            foreach (var alias in f.Signature.Aliases ?? []) Add(alias, f);
        }
    }

    public static FunctionRegistry Default { get; } = new(Discover(typeof(FunctionRegistry).Assembly));

    /// <summary>Registry names (canonical names and aliases), sorted.</summary>
    public IEnumerable<string> Names => _byName.Keys.Order(StringComparer.Ordinal);

    public RenderFunction? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>A function usable in a render target: pie functions (graphite-web's separate PieFunctions
    /// table, listed only by /functions?type=pie) are not.</summary>
    public RenderFunction? FindSeriesFunction(string name) => Find(name) is { Signature.Pie: false } f ? f : null;

    public static IEnumerable<RenderFunction> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && typeof(RenderFunction).IsAssignableFrom(t)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (RenderFunction)Activator.CreateInstance(t)!);

    private void Add(string name, RenderFunction f)
    {
        if (!_byName.TryAdd(name, f))
            throw new InvalidOperationException($"Render function name registered twice: {name}");
    }
}
