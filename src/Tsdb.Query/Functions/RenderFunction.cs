using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions;

/// <summary>
/// Base class of every render function. One function per file under Functions/&lt;Group&gt;/.
/// Subclasses are discovered by reflection (public, non-abstract, parameterless constructor) by
/// <see cref="FunctionRegistry"/>. Evaluate receives arguments already bound and type-checked
/// against <see cref="Signature"/>; it returns the resulting series list (graphite-web functions
/// return lists). It must not mutate input series in place unless it created them; use Copy().
/// A user mistake throws <see cref="QueryException"/> (answered as HTTP 400).
/// </summary>
public abstract class RenderFunction
{
    public abstract FunctionSignature Signature { get; }

    public abstract List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args);
}
