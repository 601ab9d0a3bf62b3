namespace Tsdb.Query.Graphs;

/// <summary>A graph that cannot be drawn with the options given (glyph.py's GraphError, ValueError and asserts):
/// graphite-web answers these with a 500; the server answers 400 with the message.</summary>
public sealed class GraphException(string message) : Exception(message);
