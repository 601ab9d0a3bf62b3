using System.Runtime.CompilerServices;

// ParserBenchmarks measures ReferencePlaintextLineParser (the general path) next to PlaintextLineParser.
[assembly: InternalsVisibleTo("Tsdb.Benchmarks")]
