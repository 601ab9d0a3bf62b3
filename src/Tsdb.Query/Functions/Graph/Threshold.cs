using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Special;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Graph;

/// <summary>
/// graphite-web threshold: constantLine(value), renamed to label when one is given (tags and
/// pathExpression stay constantLine's), with the render option "color" when given.
/// </summary>
public sealed class Threshold : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "threshold", "Graph",
        [
            new ParamSpec("value", ParamType.Float, Required: true),
            new ParamSpec("label", ParamType.String),
            new ParamSpec("color", ParamType.String),
        ],
        "A horizontal line at the given value, optionally labelled and coloured.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var line = new ConstantLine().Evaluate(context, args)[0];
        if (args.String("label") is { Length: > 0 } label) line.Name = label;
        if (args.String("color") is { Length: > 0 } color) line.Options["color"] = color;
        return [line];
    }
}
