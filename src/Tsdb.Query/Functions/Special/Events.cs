using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Special;

/// <summary>
/// graphite-web events(*tags) (render/functions.py): one series named <c>events("t1", "t2")</c> with a
/// 1 s step over [from, until), each value the number of events in that second (an int) or null,
/// consolidated by sum. <c>events("*")</c> counts every event; otherwise an event needs all the tags
/// (Event.find_events' default set). An event in the second of until is left out (graphite-web indexes
/// one past its value list there and answers 500).
/// </summary>
public sealed class Events : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "events", "Special",
        [new ParamSpec("tags", ParamType.String, Required: true, Multiple: true)],
        "Returns the number of events at this point in time. Usable with drawAsInfinite.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var tags = args.Multiple("tags").Select(t => Convert.ToString(t, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList();
        string name = "events(\"" + string.Join("\", \"", tags) + "\")";
        long start = context.From, end = context.Until;
        int points = (int)Math.Max(0, end - start);
        var values = new double[points];
        Array.Fill(values, double.NaN);
        var integers = new bool[points];
        if (context.Events is { } store && points > 0)
        {
            var filter = tags is ["*"] ? null : tags;
            foreach (var e in store.Find(start, end, filter))
            {
                long i = e.When - start;
                if (i >= points) continue;
                values[i] = double.IsNaN(values[i]) ? 1 : values[i] + 1;
                integers[i] = true;
            }
        }
        return [new TimeSeries(name, start, end, 1, values, name)
        {
            ConsolidationFunc = "sum",
            IntegerValues = integers,
            XFilesFactor = context.XFilesFactor,
        }];
    }
}
